package uk.lifeline.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import uk.lifeline.command.SetNonDisconnectPeriod;

class NonDisablementCalendarTest {

    private static final FriendlyCreditSlot EVENINGS =
            new FriendlyCreditSlot(LocalTime.of(18, 0), LocalTime.of(22, 0), EnumSet.allOf(DayOfWeek.class), false);
    private static final FriendlyCreditSlot MORNINGS =
            new FriendlyCreditSlot(LocalTime.of(6, 0), LocalTime.of(9, 0), EnumSet.allOf(DayOfWeek.class), false);

    @Test
    void coversWhenAnySlotIsOpen() {
        NonDisablementCalendar calendar =
                NonDisablementCalendar.NONE.withSlot(1, EVENINGS).withSlot(4, MORNINGS);
        assertThat(calendar.covers(LocalDateTime.parse("2026-12-04T19:00"), d -> false))
                .isTrue();
        assertThat(calendar.covers(LocalDateTime.parse("2026-12-04T07:00"), d -> false))
                .isTrue();
        assertThat(calendar.covers(LocalDateTime.parse("2026-12-04T12:00"), d -> false))
                .isFalse();
        assertThat(NonDisablementCalendar.NONE.covers(LocalDateTime.parse("2026-12-04T19:00"), d -> true))
                .isFalse();
    }

    @Test
    void replacingASlotLeavesTheOthersAndTheOriginal() {
        NonDisablementCalendar one = NonDisablementCalendar.NONE.withSlot(2, EVENINGS);
        NonDisablementCalendar two = one.withSlot(2, FriendlyCreditSlot.EMPTY);
        assertThat(one.slot(2)).isEqualTo(EVENINGS);
        assertThat(two).isEqualTo(NonDisablementCalendar.NONE);
    }

    @Test
    void hasExactlyFourSlots() {
        assertThatThrownBy(() -> NonDisablementCalendar.NONE.withSlot(5, EVENINGS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NonDisablementCalendar.NONE.withSlot(0, EVENINGS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NonDisablementCalendar(Arrays.asList(EVENINGS)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NonDisablementCalendar(Arrays.asList(EVENINGS, EVENINGS, EVENINGS, null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNonDisconnectPeriodIncludesItsStartAndExcludesItsEnd() {
        NonDisconnectPeriod period = NonDisconnectPeriod.of(new SetNonDisconnectPeriod(
                Instant.parse("2026-12-01T06:00:00Z"), Instant.parse("2026-12-04T06:00:00Z")));
        assertThat(period.contains(Instant.parse("2026-12-01T05:59:59Z"))).isFalse();
        assertThat(period.contains(Instant.parse("2026-12-01T06:00:00Z"))).isTrue();
        assertThat(period.contains(Instant.parse("2026-12-04T05:59:59Z"))).isTrue();
        assertThat(period.contains(Instant.parse("2026-12-04T06:00:00Z"))).isFalse();
        assertThatThrownBy(() -> new NonDisconnectPeriod(period.end(), period.start()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
