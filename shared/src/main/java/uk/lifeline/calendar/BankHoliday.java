package uk.lifeline.calendar;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One bank holiday in one division, as GOV.UK lists it; {@code substitute} marks a weekday standing in for a
 * fixed-date holiday that fell on a weekend. Immutable.
 */
public record BankHoliday(BankHolidayRegion region, LocalDate date, String title, boolean substitute) {

    public BankHoliday {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(title, "title");
    }
}
