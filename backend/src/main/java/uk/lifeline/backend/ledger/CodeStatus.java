package uk.lifeline.backend.ledger;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Where a code is in its life. Stored by name: never rename one. */
public enum CodeStatus {
    /** Made and released: the digits can be read out or sent. */
    ISSUED,
    /** Made but held back until a supervisor other than the requester approves it; the digits are withheld. */
    PENDING_APPROVAL,
    /** Delivered to the customer's phone (set by delivery, a later issue). */
    DELIVERED,
    /** The customer says they typed it in. */
    ENTERED,
    /** The PPMID or meter showed it accepted. */
    ACCEPTED,
    /** The PPMID or meter showed it refused, with the reason it gave. */
    REJECTED,
    /** Past its expiry time without a result. */
    EXPIRED,
    /** Cancelled by staff, or refused by a supervisor. */
    CANCELLED;

    /** Codes still out there, that may yet be typed in. */
    public static final Set<CodeStatus> OUTSTANDING = EnumSet.of(ISSUED, PENDING_APPROVAL, DELIVERED);

    /** Released codes that count towards the daily credit limit. */
    public static final Set<CodeStatus> COUNTS_TOWARDS_LIMITS = EnumSet.of(ISSUED, DELIVERED, ENTERED, ACCEPTED);

    /** Codes that reached the customer's app (a campaign's progress). */
    public static final Set<CodeStatus> REACHED_APP = EnumSet.of(DELIVERED, ENTERED, ACCEPTED, REJECTED);

    /** Codes the customer typed in, whatever the meter said (a campaign's progress). */
    public static final Set<CodeStatus> TYPED_IN = EnumSet.of(ENTERED, ACCEPTED, REJECTED);

    /** The statuses as a SQL list for {@code status IN (...)}: SQL derives its lists from these sets. */
    public static String sql(Set<CodeStatus> statuses) {
        return statuses.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
    }
}
