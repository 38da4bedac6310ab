package uk.lifeline.backend.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Per supplier, lets one worker start a pass over every meter, then none until a rest has passed since it started:
 * a pass that finds nothing still reads every meter (400 ms at 120,000 meters in the campaign benchmark), and idle
 * workers that all asked at once each ran one. Thread-safe.
 */
final class RestGate {

    private final ConcurrentMap<UUID, Instant> until = new ConcurrentHashMap<>();

    /** Whether the caller may start a pass now; if so, no other may until {@code rest} from now. */
    boolean tryStart(UUID supplier, Instant now, Duration rest) {
        AtomicBoolean started = new AtomicBoolean();
        until.compute(supplier, (s, next) -> {
            if (next != null && now.isBefore(next)) {
                return next;
            }
            started.set(true);
            return now.plus(rest);
        });
        return started.get();
    }
}
