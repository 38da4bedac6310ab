package uk.lifeline.calendar;

import java.time.LocalDate;

/**
 * A question about a date the bank-holiday data does not cover. Refused rather than answered "no", because a
 * wrong "no" could let a meter disable the supply on a bank holiday. Immutable.
 */
public final class DateNotCoveredException extends IllegalArgumentException {

    private final LocalDate date;

    DateNotCoveredException(LocalDate date, int firstYear, int lastYear) {
        super("bank holidays are known for " + firstYear + "-" + lastYear + " only, not for " + date);
        this.date = date;
    }

    public LocalDate date() {
        return date;
    }
}
