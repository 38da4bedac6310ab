package uk.lifeline.backend.installcode;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.stereotype.Component;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;
import uk.lifeline.calendar.DateNotCoveredException;
import uk.lifeline.calendar.MeterTime;
import uk.lifeline.calendar.WorkingDays;

/**
 * MP121's deadline: an install-code request is due ten England-and-Wales working days after the day it was raised
 * (its date in Great Britain), and is overdue from the day after. Thread-safe.
 */
@Component
class DueDates {

    /** SEC MP121: the installing supplier answers within ten working days. */
    static final int WORKING_DAYS_TO_ANSWER = 10;

    private final WorkingDays days = WorkingDays.englandAndWales();
    private final Clock clock;

    DueDates(Clock clock) {
        this.clock = clock;
    }

    LocalDate today() {
        return dateOf(clock.instant());
    }

    static LocalDate dateOf(Instant at) {
        return LocalDate.ofInstant(at, MeterTime.ZONE);
    }

    /** @throws ApiException {@code calendar-not-covered} past the years the bank-holiday data covers */
    LocalDate dueOn(LocalDate requestedOn) {
        try {
            return days.plus(requestedOn, WORKING_DAYS_TO_ANSWER);
        } catch (DateNotCoveredException e) {
            throw notCovered(e);
        }
    }

    /** Working days from today to the due date: 0 on it, negative (the working days late) after it. */
    Integer workingDaysLeft(LocalDate dueOn, LocalDate today) {
        try {
            return days.between(today, dueOn);
        } catch (DateNotCoveredException e) {
            return null;
        }
    }

    private static ApiException notCovered(DateNotCoveredException e) {
        return new ApiException(
                ProblemType.CALENDAR_NOT_COVERED,
                "the due date needs the bank holidays of "
                        + e.date().getYear() + ", which the bank-holiday data does not hold yet; update"
                        + " uk-bank-holidays.csv from GOV.UK");
    }
}
