package uk.lifeline.backend.activation;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Limits failed activation attempts so codes cannot be guessed, without letting anyone lock others out: failures
 * are counted per network address and per customer (a used or expired code of theirs tried again), never for
 * everyone together, and successes are never counted. An address past its limit is refused until the window
 * ends; so are further tries of a customer's stale codes, while their valid code still works. Fixed windows, in
 * memory: each backend instance limits what it sees. Bounded: it forgets everything when it holds too much.
 * Thread-safe.
 */
@Component
class AttemptLimiter {

    private static final int MOST_KEYS = 100_000;

    private final ActivationProperties properties;
    private final Clock clock;
    private final ConcurrentMap<String, AtomicInteger> byAddress = new ConcurrentHashMap<>();
    private final ConcurrentMap<UUID, AtomicInteger> byCustomer = new ConcurrentHashMap<>();
    private volatile long windowStart;

    AttemptLimiter(ActivationProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** False when the address has failed too often this window and must wait. */
    boolean mayTry(String address) {
        roll();
        AtomicInteger failures = byAddress.get(address);
        return failures == null || failures.get() < properties.attemptsPerAddress();
    }

    /** False when the customer's stale codes have been tried too often this window. */
    boolean mayTryStale(UUID customer) {
        roll();
        AtomicInteger failures = byCustomer.get(customer);
        return failures == null || failures.get() < properties.failuresPerCustomer();
    }

    void failed(String address) {
        count(byAddress, address);
    }

    void failedFor(UUID customer) {
        count(byCustomer, customer);
    }

    /** Seconds until the current window ends, for Retry-After. */
    long secondsLeft() {
        long end = windowStart + properties.window().toMillis();
        return Math.max(1, Duration.ofMillis(end - clock.millis()).toSeconds());
    }

    /** Forgets every failure (an operator's reset; tests). */
    void clear() {
        byAddress.clear();
        byCustomer.clear();
    }

    private <K> void count(ConcurrentMap<K, AtomicInteger> map, K key) {
        roll();
        if (map.size() >= MOST_KEYS) {
            map.clear();
        }
        map.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    private void roll() {
        long now = clock.millis();
        if (now - windowStart >= properties.window().toMillis()) {
            synchronized (this) {
                if (now - windowStart >= properties.window().toMillis()) {
                    byAddress.clear();
                    byCustomer.clear();
                    windowStart = now;
                }
            }
        }
    }
}
