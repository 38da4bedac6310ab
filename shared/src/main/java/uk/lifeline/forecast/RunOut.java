package uk.lifeline.forecast;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * When a meter's supply is expected to be disabled for want of credit: a window, never one instant, and what it
 * rests on. Immutable.
 *
 * @param kind what the window says
 * @param earliest the heavy-use end: the supply is disabled no earlier than this (null for {@link Kind#CREDIT_MODE})
 * @param latest the light-use end: disabled by this; null when even heavy use would not disable it within the
 *     horizon ({@link Kind#NOT_WITHIN_HORIZON}: then {@code earliest} is the horizon's end)
 * @param horizonEnd how far the forecast looked
 * @param estimate the consumption the window was worked out with
 * @param restsOn what the forecast rests on, in words, for agents and the audit
 */
public record RunOut(
        Kind kind,
        Instant earliest,
        Instant latest,
        Instant horizonEnd,
        ConsumptionEstimate estimate,
        List<String> restsOn) {

    /** Stored and shown by code: never rename one. */
    public enum Kind {
        /** The supply is expected to be disabled between earliest and latest. */
        WINDOW,
        /** Even at the heavy end the supply stays on until the horizon's end. */
        NOT_WITHIN_HORIZON,
        /** At the heavy end it is disabled before the horizon's end; at the light end it is not (latest null). */
        FROM_EARLIEST,
        /** The modelled supply is already off (disabled or armed): the window is the past, earliest the anchor. */
        ALREADY_OFF,
        /** A meter in credit mode is never disabled. */
        CREDIT_MODE
    }

    public RunOut {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(horizonEnd, "horizonEnd");
        Objects.requireNonNull(estimate, "estimate");
        restsOn = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(restsOn));
        if (earliest != null && latest != null && latest.isBefore(earliest)) {
            throw new IllegalArgumentException("the window ends before it starts");
        }
    }

    /** True when the supply may be off by {@code at}: the window's earliest end is at or before it. */
    public boolean mayRunOutBy(Instant at) {
        return kind != Kind.CREDIT_MODE && kind != Kind.NOT_WITHIN_HORIZON && !earliest.isAfter(at);
    }
}
