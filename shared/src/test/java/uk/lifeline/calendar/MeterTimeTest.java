package uk.lifeline.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class MeterTimeTest {

    @Test
    void theClocksGoForwardAnHourOnTheLastSundayOfMarch() {
        MeterTime.Cursor cursor = new MeterTime.Cursor();
        assertThat(cursor.local(Instant.parse("2026-03-29T00:30:00Z")))
                .isEqualTo(LocalDateTime.parse("2026-03-29T00:30"));
        assertThat(cursor.local(Instant.parse("2026-03-29T01:00:00Z")))
                .isEqualTo(LocalDateTime.parse("2026-03-29T02:00"));
    }

    @Test
    void theClocksGoBackAnHourOnTheLastSundayOfOctober() {
        MeterTime.Cursor cursor = new MeterTime.Cursor();
        assertThat(cursor.local(Instant.parse("2026-10-25T00:30:00Z")))
                .isEqualTo(LocalDateTime.parse("2026-10-25T01:30"));
        assertThat(cursor.local(Instant.parse("2026-10-25T01:30:00Z")))
                .isEqualTo(LocalDateTime.parse("2026-10-25T01:30"));
    }

    /** The cursor's cached offset agrees with the zone rules, going forwards and backwards. */
    @Property(tries = 300)
    void theCursorAgreesWithTheZoneRules(
            @ForAll @LongRange(min = 1704067200L, max = 1925000000L) long first,
            @ForAll @LongRange(min = -40_000_000L, max = 40_000_000L) long step) {
        MeterTime.Cursor cursor = new MeterTime.Cursor();
        Instant a = Instant.ofEpochSecond(first);
        Instant b = a.plusSeconds(step);
        assertThat(cursor.local(a)).isEqualTo(MeterTime.local(a));
        assertThat(cursor.local(b)).isEqualTo(MeterTime.local(b));
        assertThat(cursor.local(a)).isEqualTo(MeterTime.local(a));
    }
}
