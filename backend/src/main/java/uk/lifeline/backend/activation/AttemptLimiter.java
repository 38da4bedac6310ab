package uk.lifeline.backend.activation;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Limits activation attempts so codes cannot be guessed: at most {@code attemptsPerAddress} per network address
 * per window, and at most {@code attemptsPerWindow} failures from everyone together. Fixed windows, in memory:
 * each backend instance limits what it sees (N instances allow N times as many). Bounded: it forgets every
 * address when it holds too many. Thread-safe.
 */
@Component
class AttemptLimiter {

    private static final int MOST_ADDRESSES = 100_000;

    private final ActivationProperties properties;
    private final Clock clock;
    private final ConcurrentMap<String, AtomicInteger> byAddress = new ConcurrentHashMap<>();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile long windowStart;

    AttemptLimiter(ActivationProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** Counts an attempt from {@code address}; false when it is over either limit and must be refused. */
    boolean tryAttempt(String address) {
        roll();
        if (failures.get() >= properties.attemptsPerWindow()) {
            return false;
        }
        if (byAddress.size() >= MOST_ADDRESSES) {
            byAddress.clear();
        }
        return byAddress.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet()
                <= properties.attemptsPerAddress();
    }

    void failed() {
        failures.incrementAndGet();
    }

    /** Seconds until the current window ends, for Retry-After. */
    long secondsLeft() {
        long end = windowStart + properties.window().toMillis();
        return Math.max(1, Duration.ofMillis(end - clock.millis()).toSeconds());
    }

    private void roll() {
        long now = clock.millis();
        if (now - windowStart >= properties.window().toMillis()) {
            synchronized (this) {
                if (now - windowStart >= properties.window().toMillis()) {
                    byAddress.clear();
                    failures.set(0);
                    windowStart = now;
                }
            }
        }
    }
}
