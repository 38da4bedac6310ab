package uk.lifeline.backend.campaign;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where one meter is in a campaign ({@code campaign_target.state}, V3's check lists the same names). Stored by
 * name: never rename one. The campaign package's SQL takes its literals from here.
 */
enum TargetState {
    /** Not yet reached by a page. */
    PENDING,
    /** A code was made for it (and its message written, when the customer has a phone). */
    CODED,
    /** A meter with the WAN: to be handed to the DCC. */
    DCC_PENDING,
    /** Handed to the DCC. */
    DCC_SENT,
    /** No code could be made (the ledger refused it), or the meter left the supplier mid-campaign. */
    FAILED,
    /** The campaign was cancelled before the meter was reached. */
    CANCELLED;

    /** Still to be worked: a campaign with any is not finished (V3's partial index {@code campaign_target_open}). */
    static final Set<TargetState> OPEN = EnumSet.of(PENDING, DCC_PENDING);

    /** With the DCC, or waiting to be handed to it. */
    static final Set<TargetState> WITH_DCC = EnumSet.of(DCC_PENDING, DCC_SENT);

    /** Worked by a page or the DCC hand-over, whatever came of it (a campaign's rate). */
    static final Set<TargetState> WORKED = EnumSet.of(CODED, DCC_SENT, FAILED);

    /** This state as a SQL literal. */
    String sql() {
        return "'" + name() + "'";
    }

    /** The states as a SQL list for {@code state IN (...)}. */
    static String sql(Set<TargetState> states) {
        return states.stream().map(TargetState::sql).collect(Collectors.joining(", "));
    }
}
