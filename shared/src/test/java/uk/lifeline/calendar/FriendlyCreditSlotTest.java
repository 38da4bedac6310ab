package uk.lifeline.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.lifeline.command.SetFriendlyCreditPeriod;

class FriendlyCreditSlotTest {

    private static final Predicate<LocalDate> NO_HOLIDAYS = date -> false;
    private static final Predicate<LocalDate> BOXING_DAY_2026 = date -> date.equals(LocalDate.of(2026, 12, 28));

    // 2026-12-04 is a Friday.
    private static final FriendlyCreditSlot WEEKDAY_EVENINGS = new FriendlyCreditSlot(
            LocalTime.of(16, 0), LocalTime.of(10, 0), EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), false);

    static Stream<Arguments> overnightWindow() {
        return Stream.of(
                Arguments.of("2026-12-04T15:59", false),
                Arguments.of("2026-12-04T16:00", true),
                Arguments.of("2026-12-04T23:59", true),
                // Friday's window runs into Saturday morning although Saturday is not chosen...
                Arguments.of("2026-12-05T00:00", true),
                Arguments.of("2026-12-05T09:59", true),
                Arguments.of("2026-12-05T10:00", false),
                // ...but Saturday opens no window of its own, and Sunday night is not covered into Monday.
                Arguments.of("2026-12-05T16:00", false),
                Arguments.of("2026-12-07T09:00", false),
                Arguments.of("2026-12-07T16:30", true));
    }

    @ParameterizedTest
    @MethodSource("overnightWindow")
    void anOvernightWindowBelongsToTheDayItOpens(String local, boolean covered) {
        assertThat(WEEKDAY_EVENINGS.covers(LocalDateTime.parse(local), NO_HOLIDAYS))
                .isEqualTo(covered);
    }

    @Test
    void aDaytimeWindowCoversFromStartUntilEnd() {
        FriendlyCreditSlot lunch =
                new FriendlyCreditSlot(LocalTime.of(12, 0), LocalTime.of(14, 0), EnumSet.allOf(DayOfWeek.class), false);
        assertThat(lunch.covers(LocalDateTime.parse("2026-12-04T11:59"), NO_HOLIDAYS))
                .isFalse();
        assertThat(lunch.covers(LocalDateTime.parse("2026-12-04T12:00"), NO_HOLIDAYS))
                .isTrue();
        assertThat(lunch.covers(LocalDateTime.parse("2026-12-04T13:59:59"), NO_HOLIDAYS))
                .isTrue();
        assertThat(lunch.covers(LocalDateTime.parse("2026-12-04T14:00"), NO_HOLIDAYS))
                .isFalse();
    }

    @Test
    void equalStartAndEndCoverTheWholeChosenDay() {
        FriendlyCreditSlot weekends = new FriendlyCreditSlot(
                LocalTime.of(9, 0), LocalTime.of(9, 0), EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), false);
        assertThat(weekends.covers(LocalDateTime.parse("2026-12-05T00:00"), NO_HOLIDAYS))
                .isTrue();
        assertThat(weekends.covers(LocalDateTime.parse("2026-12-06T23:59"), NO_HOLIDAYS))
                .isTrue();
        assertThat(weekends.covers(LocalDateTime.parse("2026-12-07T00:00"), NO_HOLIDAYS))
                .isFalse();
        assertThat(weekends.covers(LocalDateTime.parse("2026-12-04T23:59"), NO_HOLIDAYS))
                .isFalse();
    }

    @Test
    void aBankHolidayOpensTheWindowWhenAsked() {
        FriendlyCreditSlot holidays =
                new FriendlyCreditSlot(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, EnumSet.noneOf(DayOfWeek.class), true);
        assertThat(holidays.covers(LocalDateTime.parse("2026-12-28T12:00"), BOXING_DAY_2026))
                .isTrue();
        assertThat(holidays.covers(LocalDateTime.parse("2026-12-29T12:00"), BOXING_DAY_2026))
                .isFalse();
        FriendlyCreditSlot withoutFlag =
                new FriendlyCreditSlot(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, EnumSet.of(DayOfWeek.SUNDAY), false);
        assertThat(withoutFlag.covers(LocalDateTime.parse("2026-12-28T12:00"), BOXING_DAY_2026))
                .isFalse();
    }

    @Test
    void anOvernightWindowOpenedByABankHolidayRunsIntoTheNextMorning() {
        FriendlyCreditSlot holidayNights =
                new FriendlyCreditSlot(LocalTime.of(16, 0), LocalTime.of(10, 0), EnumSet.noneOf(DayOfWeek.class), true);
        assertThat(holidayNights.covers(LocalDateTime.parse("2026-12-29T09:00"), BOXING_DAY_2026))
                .isTrue();
        assertThat(holidayNights.covers(LocalDateTime.parse("2026-12-28T09:00"), BOXING_DAY_2026))
                .isFalse();
    }

    @Test
    void bankHolidaysAreOnlyAskedAboutWhenTheDayIsNotChosenAlready() {
        FriendlyCreditSlot everyDay =
                new FriendlyCreditSlot(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, EnumSet.allOf(DayOfWeek.class), true);
        Predicate<LocalDate> unknown = date -> {
            throw new DateNotCoveredException(date, 2024, 2030);
        };
        assertThat(everyDay.covers(LocalDateTime.parse("2035-06-01T12:00"), unknown))
                .isTrue();
        FriendlyCreditSlot holidaysOnly =
                new FriendlyCreditSlot(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, EnumSet.noneOf(DayOfWeek.class), true);
        assertThatThrownBy(() -> holidaysOnly.covers(LocalDateTime.parse("2035-06-01T12:00"), unknown))
                .isInstanceOf(DateNotCoveredException.class);
    }

    @Test
    void anEmptySlotCoversNothing() {
        assertThat(FriendlyCreditSlot.EMPTY.isEmpty()).isTrue();
        assertThat(FriendlyCreditSlot.EMPTY.covers(LocalDateTime.parse("2026-12-28T12:00"), date -> true))
                .isFalse();
    }

    @Test
    void isBuiltFromTheCodeThatSetsIt() {
        SetFriendlyCreditPeriod code = new SetFriendlyCreditPeriod(
                2, LocalTime.of(16, 0), LocalTime.of(10, 0), EnumSet.of(DayOfWeek.MONDAY), true);
        assertThat(FriendlyCreditSlot.of(code))
                .isEqualTo(new FriendlyCreditSlot(
                        LocalTime.of(16, 0), LocalTime.of(10, 0), EnumSet.of(DayOfWeek.MONDAY), true));
        SetFriendlyCreditPeriod clear = new SetFriendlyCreditPeriod(
                2, LocalTime.of(16, 0), LocalTime.of(10, 0), EnumSet.noneOf(DayOfWeek.class), false);
        assertThat(FriendlyCreditSlot.of(clear)).isEqualTo(FriendlyCreditSlot.EMPTY);
    }

    @Test
    void daysAreCopiedSoTheSlotStaysImmutable() {
        EnumSet<DayOfWeek> days = EnumSet.of(DayOfWeek.MONDAY);
        FriendlyCreditSlot slot = new FriendlyCreditSlot(LocalTime.NOON, LocalTime.MIDNIGHT, days, false);
        days.add(DayOfWeek.TUESDAY);
        assertThat(slot.days()).containsExactly(DayOfWeek.MONDAY);
        assertThatThrownBy(() -> slot.days().add(DayOfWeek.FRIDAY)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new FriendlyCreditSlot(null, LocalTime.NOON, days, false))
                .isInstanceOf(NullPointerException.class);
    }
}
