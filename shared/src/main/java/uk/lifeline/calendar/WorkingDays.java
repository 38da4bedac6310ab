package uk.lifeline.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Working days in one bank-holiday division: Monday to Friday, less that division's bank holidays. Industry
 * deadlines ("within ten working days", SEC MP121) count them from the day after the event. A date the holiday
 * data does not cover is refused ({@link DateNotCoveredException}), never guessed. Immutable and thread-safe.
 */
public final class WorkingDays {

    /** The furthest {@link #plus} will count: about ten years, far beyond any industry deadline. */
    public static final int MAX_DAYS = 2600;

    private final BankHolidays holidays;
    private final BankHolidayRegion region;

    private WorkingDays(BankHolidays holidays, BankHolidayRegion region) {
        this.holidays = holidays;
        this.region = region;
    }

    public static WorkingDays of(BankHolidays holidays, BankHolidayRegion region) {
        return new WorkingDays(Objects.requireNonNull(holidays, "holidays"), Objects.requireNonNull(region, "region"));
    }

    /** England and Wales with the shipped GOV.UK data. */
    public static WorkingDays englandAndWales() {
        return of(BankHolidays.ukGov(), BankHolidayRegion.ENGLAND_AND_WALES);
    }

    public BankHolidayRegion region() {
        return region;
    }

    /** @throws DateNotCoveredException for a weekday in a year the holiday data does not cover */
    public boolean isWorkingDay(LocalDate date) {
        DayOfWeek day = Objects.requireNonNull(date, "date").getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !holidays.isBankHoliday(region, date);
    }

    /**
     * The {@code days}-th working day after {@code from} ({@code from} itself does not count, whatever it is);
     * {@code from} itself when {@code days} is 0. A request made on Friday 19 December 2025 with ten working days
     * to answer is due on Wednesday 7 January 2026.
     *
     * @throws IllegalArgumentException for a negative count or one over {@link #MAX_DAYS}
     * @throws DateNotCoveredException when the count runs into a year the holiday data does not cover
     */
    public LocalDate plus(LocalDate from, int days) {
        Objects.requireNonNull(from, "from");
        if (days < 0 || days > MAX_DAYS) {
            throw new IllegalArgumentException("working days to add must be 0 to " + MAX_DAYS + ", not " + days);
        }
        LocalDate date = from;
        for (int counted = 0; counted < days; ) {
            date = date.plusDays(1);
            if (isWorkingDay(date)) {
                counted++;
            }
        }
        return date;
    }

    /**
     * Working days after {@code from} up to and including {@code to}: how many are left until a due date (0 on
     * the due date itself), or, negated, how many a date is past it when {@code to} is before {@code from}.
     *
     * @throws IllegalArgumentException when the dates are more than {@link #MAX_DAYS} calendar days apart
     * @throws DateNotCoveredException for a date in between that the holiday data does not cover
     */
    public int between(LocalDate from, LocalDate to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            return -between(to, from);
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new IllegalArgumentException(from + " and " + to + " are more than " + MAX_DAYS + " days apart");
        }
        int count = 0;
        for (LocalDate date = from.plusDays(1); !date.isAfter(to); date = date.plusDays(1)) {
            if (isWorkingDay(date)) {
                count++;
            }
        }
        return count;
    }
}
