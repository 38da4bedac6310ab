package uk.lifeline.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * A meter-local calendar period for a block tariff's consumption or a debt-recovery cap: a day, a week from
 * Monday (as meters' provision periods run), or a calendar month. Code = lower-case name; never rename. Immutable and
 * thread-safe.
 */
public enum CalendarPeriod {
    DAY,
    WEEK,
    MONTH;

    /** True when {@code date} falls in the period that starts on {@code periodStart}; allocates nothing. */
    public boolean contains(LocalDate periodStart, LocalDate date) {
        switch (this) {
            case DAY:
                return date.equals(periodStart);
            case WEEK: {
                long days = date.toEpochDay() - periodStart.toEpochDay();
                return days >= 0 && days < 7 && periodStart.getDayOfWeek() == DayOfWeek.MONDAY;
            }
            default:
                return periodStart.getDayOfMonth() == 1
                        && date.getYear() == periodStart.getYear()
                        && date.getMonthValue() == periodStart.getMonthValue();
        }
    }

    /** The first day of the period that {@code date} is in. */
    public LocalDate start(LocalDate date) {
        switch (this) {
            case DAY:
                return date;
            case WEEK:
                return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            default:
                return date.withDayOfMonth(1);
        }
    }
}
