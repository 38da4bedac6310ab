package uk.lifeline.backend.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets one of a loop's threads start a piece of periodic work, then none until a rest has passed since it started,
 * per key: the dispatcher's sweeps (one key), and the campaign workers' passes over every meter for missing
 * secrets (a key per supplier), which read every meter even when they find nothing, and which idle workers asking
 * at once each ran. Thread-safe.
 *
 * @param <K> what each rest is kept for
 */
public final class RestGate<K> {

    private final ConcurrentMap<K, Instant> until = new ConcurrentHashMap<>();

    /** Whether the caller may start the work for {@code key} now; if so, no other may until {@code rest} from now. */
    public boolean tryStart(K key, Instant now, Duration rest) {
        AtomicBoolean started = new AtomicBoolean();
        until.compute(key, (k, next) -> {
            if (next != null && now.isBefore(next)) {
                return next;
            }
            started.set(true);
            return now.plus(rest);
        });
        return started.get();
    }
}
