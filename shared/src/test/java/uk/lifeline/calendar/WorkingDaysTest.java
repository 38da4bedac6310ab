package uk.lifeline.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkingDaysTest {

    private final WorkingDays england = WorkingDays.englandAndWales();

    static Stream<Arguments> tenWorkingDaysAfter() {
        return Stream.of(
                // An ordinary fortnight.
                Arguments.of("2026-05-06", "2026-05-20"),
                // Christmas Day, Boxing Day and New Year's Day skipped.
                Arguments.of("2025-12-19", "2026-01-07"),
                Arguments.of("2025-12-24", "2026-01-12"),
                Arguments.of("2024-12-20", "2025-01-08"),
                // Boxing Day 2026 falls on a Saturday: its substitute, Monday 28th, is skipped instead.
                Arguments.of("2026-12-18", "2027-01-06"),
                Arguments.of("2026-12-23", "2027-01-11"),
                // 2027: Christmas and Boxing Day at the weekend, substitutes on 27 and 28 December, 3 January 2028.
                Arguments.of("2027-12-22", "2028-01-10"),
                Arguments.of("2027-12-24", "2028-01-12"),
                // Easter: Good Friday and Easter Monday skipped.
                Arguments.of("2026-04-01", "2026-04-17"),
                Arguments.of("2026-04-02", "2026-04-20"),
                Arguments.of("2027-03-24", "2027-04-09"),
                // Easter and then the early May bank holiday.
                Arguments.of("2025-04-17", "2025-05-06"),
                // From a weekend or a holiday: counting starts with the next working day.
                Arguments.of("2026-05-01", "2026-05-18"),
                Arguments.of("2026-05-02", "2026-05-18"),
                Arguments.of("2026-05-03", "2026-05-18"),
                Arguments.of("2025-12-25", "2026-01-12"),
                Arguments.of("2026-04-03", "2026-04-20"),
                // The last due date the shipped data can give.
                Arguments.of("2030-12-13", "2030-12-31"));
    }

    @ParameterizedTest
    @MethodSource("tenWorkingDaysAfter")
    void tenWorkingDaysSkipWeekendsAndEnglishBankHolidays(String from, String due) {
        assertThat(england.plus(LocalDate.parse(from), 10)).isEqualTo(LocalDate.parse(due));
    }

    @ParameterizedTest
    @MethodSource("tenWorkingDaysAfter")
    void aDueDateIsTenWorkingDaysAwayCountedBothWays(String from, String due) {
        assertThat(england.between(LocalDate.parse(from), LocalDate.parse(due))).isEqualTo(10);
        assertThat(england.between(LocalDate.parse(due), LocalDate.parse(from))).isEqualTo(-10);
    }

    @Test
    void zeroDaysIsTheSameDayEvenAtAWeekend() {
        LocalDate saturday = LocalDate.of(2026, 5, 2);
        assertThat(england.plus(saturday, 0)).isEqualTo(saturday);
        assertThat(england.between(saturday, saturday)).isZero();
    }

    @Test
    void oneWorkingDayAfterFridayIsMonday() {
        assertThat(england.plus(LocalDate.of(2026, 5, 8), 1)).isEqualTo(LocalDate.of(2026, 5, 11));
    }

    @Test
    void betweenCountsWorkingDaysLeftAndDaysLate() {
        LocalDate due = LocalDate.of(2026, 1, 7);
        assertThat(england.between(LocalDate.of(2026, 1, 6), due)).isEqualTo(1);
        // Wednesday 24 December to Friday 2 January: 29, 30, 31 December and 2 January.
        assertThat(england.between(LocalDate.of(2025, 12, 24), LocalDate.of(2026, 1, 2)))
                .isEqualTo(4);
        // A due date on Friday, checked the Monday after: one working day late.
        assertThat(england.between(LocalDate.of(2026, 5, 15), LocalDate.of(2026, 5, 18)))
                .isEqualTo(1);
        assertThat(england.between(LocalDate.of(2026, 5, 18), LocalDate.of(2026, 5, 15)))
                .isEqualTo(-1);
    }

    @Test
    void knowsWhichDaysAreWorkingDays() {
        assertThat(england.isWorkingDay(LocalDate.of(2026, 4, 3))).isFalse();
        assertThat(england.isWorkingDay(LocalDate.of(2026, 4, 6))).isFalse();
        assertThat(england.isWorkingDay(LocalDate.of(2026, 4, 7))).isTrue();
        assertThat(england.isWorkingDay(LocalDate.of(2026, 4, 4))).isFalse();
        assertThat(england.isWorkingDay(LocalDate.of(2026, 4, 5))).isFalse();
    }

    @Test
    void otherDivisionsCountTheirOwnHolidays() {
        // Easter Monday is not a bank holiday in Scotland; 2 January is.
        WorkingDays scotland = WorkingDays.of(BankHolidays.ukGov(), BankHolidayRegion.SCOTLAND);
        assertThat(scotland.region()).isEqualTo(BankHolidayRegion.SCOTLAND);
        assertThat(scotland.plus(LocalDate.of(2026, 4, 1), 10)).isEqualTo(LocalDate.of(2026, 4, 16));
        assertThat(scotland.isWorkingDay(LocalDate.of(2026, 1, 2))).isFalse();
    }

    @Test
    void refusesToCountIntoYearsTheHolidayDataDoesNotCover() {
        assertThatThrownBy(() -> england.plus(LocalDate.of(2030, 12, 16), 10))
                .isInstanceOf(DateNotCoveredException.class)
                .satisfies(e -> assertThat(((DateNotCoveredException) e).date()).isEqualTo(LocalDate.of(2031, 1, 1)));
        assertThatThrownBy(() -> england.isWorkingDay(LocalDate.of(2023, 12, 29)))
                .isInstanceOf(DateNotCoveredException.class);
    }

    @Test
    void weekendsOutsideTheCoveredYearsAreStillNotWorkingDays() {
        assertThat(england.isWorkingDay(LocalDate.of(2031, 1, 4))).isFalse();
    }

    @Test
    void usesTheHolidaysItIsGiven() throws IOException {
        BankHolidays one = BankHolidays.parse(new StringReader("england-and-wales,2026-05-13,Made up,\n"));
        WorkingDays days = WorkingDays.of(one, BankHolidayRegion.ENGLAND_AND_WALES);
        assertThat(days.plus(LocalDate.of(2026, 5, 11), 3)).isEqualTo(LocalDate.of(2026, 5, 15));
    }

    @Test
    void refusesBadArguments() {
        LocalDate day = LocalDate.of(2026, 5, 6);
        assertThatThrownBy(() -> england.plus(day, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> england.plus(day, WorkingDays.MAX_DAYS + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> england.between(day, day.plusDays(WorkingDays.MAX_DAYS + 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apart");
        assertThatThrownBy(() -> england.plus(null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> england.between(day, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> england.between(null, day)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> england.isWorkingDay(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> WorkingDays.of(null, BankHolidayRegion.SCOTLAND))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> WorkingDays.of(BankHolidays.ukGov(), null)).isInstanceOf(NullPointerException.class);
    }
}
