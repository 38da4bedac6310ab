package uk.lifeline.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.lifeline.calendar.BankHolidayRegion.ENGLAND_AND_WALES;
import static uk.lifeline.calendar.BankHolidayRegion.NORTHERN_IRELAND;
import static uk.lifeline.calendar.BankHolidayRegion.SCOTLAND;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Scanner;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class BankHolidaysTest {

    private final BankHolidays gov = BankHolidays.ukGov();

    @Test
    void shippedDataCovers2024To2030() {
        assertThat(gov.firstYear()).isEqualTo(2024);
        assertThat(gov.lastYear()).isEqualTo(2030);
    }

    @Test
    void shippedDataNamesItsSource() throws IOException {
        try (InputStream in = BankHolidays.class.getResourceAsStream(BankHolidays.RESOURCE);
                Scanner text = new Scanner(in, StandardCharsets.UTF_8.name()).useDelimiter("\\A")) {
            assertThat(text.next())
                    .contains("https://www.gov.uk/bank-holidays.json")
                    .contains("expected");
        }
    }

    @ParameterizedTest
    @EnumSource(BankHolidayRegion.class)
    void everyYearHasTheUsualNumberOfHolidays(BankHolidayRegion region) {
        int expected = region == NORTHERN_IRELAND ? 10 : region == SCOTLAND ? 9 : 8;
        for (int year = 2024; year <= 2030; year++) {
            assertThat(gov.holidays(region, year)).as(region + " " + year).hasSize(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(BankHolidayRegion.class)
    void everyHolidayIsAWeekdayAndSubstitutesAreMondaysOrTuesdays(BankHolidayRegion region) {
        for (int year = 2024; year <= 2030; year++) {
            for (BankHoliday holiday : gov.holidays(region, year)) {
                assertThat(holiday.date().getDayOfWeek())
                        .as(holiday.toString())
                        .isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
                if (holiday.substitute()) {
                    assertThat(holiday.date().getDayOfWeek()).isIn(DayOfWeek.MONDAY, DayOfWeek.TUESDAY);
                }
            }
        }
    }

    static Stream<Arguments> knownDates() {
        return Stream.of(
                // Easter: Good Friday everywhere, Easter Monday not in Scotland.
                Arguments.of(ENGLAND_AND_WALES, "2026-04-03", true),
                Arguments.of(ENGLAND_AND_WALES, "2026-04-06", true),
                Arguments.of(SCOTLAND, "2026-04-03", true),
                Arguments.of(SCOTLAND, "2026-04-06", false),
                Arguments.of(ENGLAND_AND_WALES, "2027-03-26", true),
                Arguments.of(NORTHERN_IRELAND, "2029-04-02", true),
                // Christmas and Boxing Day substitutes.
                Arguments.of(ENGLAND_AND_WALES, "2026-12-25", true),
                Arguments.of(ENGLAND_AND_WALES, "2026-12-26", false),
                Arguments.of(ENGLAND_AND_WALES, "2026-12-28", true),
                Arguments.of(ENGLAND_AND_WALES, "2027-12-27", true),
                Arguments.of(ENGLAND_AND_WALES, "2027-12-28", true),
                Arguments.of(ENGLAND_AND_WALES, "2028-01-03", true),
                // Scotland: 2nd January, first Monday of August, St Andrew's Day.
                Arguments.of(SCOTLAND, "2027-01-04", true),
                Arguments.of(SCOTLAND, "2028-01-03", true),
                Arguments.of(SCOTLAND, "2028-01-04", true),
                Arguments.of(ENGLAND_AND_WALES, "2028-01-04", false),
                Arguments.of(SCOTLAND, "2026-08-03", true),
                Arguments.of(SCOTLAND, "2026-08-31", false),
                Arguments.of(ENGLAND_AND_WALES, "2026-08-31", true),
                Arguments.of(SCOTLAND, "2024-12-02", true),
                Arguments.of(SCOTLAND, "2025-12-01", true),
                Arguments.of(SCOTLAND, "2026-11-30", true),
                Arguments.of(SCOTLAND, "2030-12-02", true),
                // Northern Ireland: St Patrick's Day and the Twelfth, with substitutes.
                Arguments.of(NORTHERN_IRELAND, "2024-03-18", true),
                Arguments.of(NORTHERN_IRELAND, "2025-03-17", true),
                Arguments.of(NORTHERN_IRELAND, "2029-03-19", true),
                Arguments.of(NORTHERN_IRELAND, "2025-07-14", true),
                Arguments.of(NORTHERN_IRELAND, "2026-07-13", true),
                Arguments.of(NORTHERN_IRELAND, "2027-07-12", true),
                Arguments.of(ENGLAND_AND_WALES, "2027-07-12", false),
                // Early May and spring.
                Arguments.of(ENGLAND_AND_WALES, "2028-05-01", true),
                Arguments.of(ENGLAND_AND_WALES, "2028-05-29", true),
                Arguments.of(ENGLAND_AND_WALES, "2028-05-30", false));
    }

    @ParameterizedTest
    @MethodSource("knownDates")
    void knowsThePublishedAndExpectedDates(BankHolidayRegion region, String date, boolean holiday) {
        assertThat(gov.isBankHoliday(region, LocalDate.parse(date))).isEqualTo(holiday);
    }

    @Test
    void substituteDaysAreMarked() {
        assertThat(gov.holidays(ENGLAND_AND_WALES, 2026))
                .filteredOn(BankHoliday::substitute)
                .extracting(BankHoliday::date, BankHoliday::title)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 12, 28), "Boxing Day"));
    }

    @Test
    void refusesADateOutsideTheYearsCovered() {
        assertThatThrownBy(() -> gov.isBankHoliday(ENGLAND_AND_WALES, LocalDate.of(2031, 1, 1)))
                .isInstanceOf(DateNotCoveredException.class)
                .hasMessageContaining("2024-2030")
                .satisfies(e -> assertThat(((DateNotCoveredException) e).date()).isEqualTo(LocalDate.of(2031, 1, 1)));
        assertThatThrownBy(() -> gov.isBankHoliday(SCOTLAND, LocalDate.of(2023, 12, 25)))
                .isInstanceOf(DateNotCoveredException.class);
    }

    @Test
    void parseNamesTheLineThatIsWrong() {
        assertThatThrownBy(() -> BankHolidays.parse(new StringReader("# c\nscotland,2026-01-01,New Year\n")))
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> BankHolidays.parse(new StringReader("scotland,2026-13-01,X,\n")))
                .hasMessageContaining("line 1")
                .hasMessageContaining("bad date");
        assertThatThrownBy(() -> BankHolidays.parse(new StringReader("wales,2026-01-01,X,\n")))
                .hasMessageContaining("unknown bank-holiday division 'wales'");
        assertThatThrownBy(() -> BankHolidays.parse(new StringReader("# only comments\n")))
                .hasMessageContaining("no bank holidays");
    }

    @Test
    void regionsHaveStrictDivisionCodes() {
        for (BankHolidayRegion region : BankHolidayRegion.values()) {
            assertThat(BankHolidayRegion.fromDivision(region.division())).isEqualTo(region);
        }
        assertThatThrownBy(() -> BankHolidayRegion.fromDivision("England-and-Wales"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
