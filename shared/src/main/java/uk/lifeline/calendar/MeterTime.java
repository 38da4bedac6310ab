package uk.lifeline.calendar;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Meter-local time: every GB meter keeps Europe/London wall-clock time for tariffs, standing charges and
 * friendly-credit windows, and UTC for instants. The one place the zone is named. Stateless.
 */
public final class MeterTime {

    public static final ZoneId ZONE = ZoneId.of("Europe/London");

    private MeterTime() {}

    public static LocalDateTime local(Instant at) {
        return LocalDateTime.ofInstant(at, ZONE);
    }

    /**
     * Converts instants that mostly move forwards to local time, looking the offset up only when a clock change
     * is passed. For a simulation's tight loop; mutable, not thread-safe.
     */
    public static final class Cursor {
        private final ZoneRules rules = ZONE.getRules();
        private long validFrom = Long.MAX_VALUE;
        private long validUntil = Long.MIN_VALUE;
        private ZoneOffset offset = ZoneOffset.UTC;

        public LocalDateTime local(Instant at) {
            long second = at.getEpochSecond();
            if (second < validFrom || second >= validUntil) {
                offset = rules.getOffset(at);
                ZoneOffsetTransition next = rules.nextTransition(at);
                validFrom = second;
                validUntil = next == null ? Long.MAX_VALUE : next.toEpochSecond();
            }
            return LocalDateTime.ofEpochSecond(second, at.getNano(), offset);
        }
    }
}
