package uk.lifeline.calendar;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A running total within one calendar period (kWh used in a block period, debt recovered towards a cap), keyed by
 * the period's first day so that it starts again from zero in the next period without a reset step. Immutable.
 */
public record PeriodTotal(LocalDate periodStart, long total) {

    /** Nothing counted yet. */
    public static final PeriodTotal NONE = new PeriodTotal(LocalDate.MIN, 0);

    public PeriodTotal {
        Objects.requireNonNull(periodStart, "periodStart");
    }

    /** The total so far in the period of {@code date}: zero once a new period has begun. */
    public long in(CalendarPeriod period, LocalDate date) {
        return period.contains(periodStart, date) ? total : 0;
    }

    /** This total with {@code amount} added in the period of {@code date}. */
    public PeriodTotal plus(CalendarPeriod period, LocalDate date, long amount) {
        return new PeriodTotal(period.start(date), in(period, date) + amount);
    }
}
