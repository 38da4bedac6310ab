package uk.lifeline.backend.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Brute-force protection for sign-in: failed attempts per username and per client address in a sliding window.
 * An attempt is counted before its password is checked (so a burst of parallel guesses cannot all get through
 * before the first failure is recorded) and taken back if it succeeds; a success also clears the username's
 * failures. While either count is at its limit, attempts are refused without checking the password, until the
 * oldest failure leaves the window. Held in memory, per backend instance; bounded. Thread-safe.
 */
@Component
public class SignInThrottle {

    /** An attempt let through, counted as failed unless handed back to {@link #succeeded}. */
    public record Attempt(String username, String address, long at) {}

    /** Failure times (epoch milliseconds), oldest first. Guarded by itself. */
    private static final class Failures {
        final ArrayDeque<Long> times = new ArrayDeque<>();
    }

    private final SignInThrottleProperties limits;
    private final Clock clock;
    private final Map<String, Failures> byUsername = new ConcurrentHashMap<>();
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

    public SignInThrottle(SignInThrottleProperties limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Lets an attempt through and counts it, or says how long to wait.
     *
     * @return the attempt, or empty with {@code retryAfter} set
     */
    public Optional<Attempt> begin(String username, String address, Duration[] retryAfter) {
        String user = username.trim().toLowerCase(Locale.ROOT);
        long now = clock.millis();
        Failures u = bucket(byUsername, user);
        Failures a = bucket(byAddress, address);
        // Lock in a fixed order (username, then address) so two attempts never wait on each other in a cycle.
        synchronized (u) {
            synchronized (a) {
                long waitUser = waitFor(u, limits.perUsername(), now);
                long waitAddress = waitFor(a, limits.perAddress(), now);
                long wait = Math.max(waitUser, waitAddress);
                if (wait > 0) {
                    retryAfter[0] = Duration.ofMillis(wait);
                    return Optional.empty();
                }
                u.times.addLast(now);
                a.times.addLast(now);
                return Optional.of(new Attempt(user, address, now));
            }
        }
    }

    /** The password was right: the attempt does not count, and neither do the username's earlier failures. */
    public void succeeded(Attempt attempt) {
        Failures u = byUsername.get(attempt.username());
        if (u != null) {
            synchronized (u) {
                u.times.clear();
            }
        }
        Failures a = byAddress.get(attempt.address());
        if (a != null) {
            synchronized (a) {
                a.times.removeLastOccurrence(attempt.at());
            }
        }
    }

    /** Forgets every failure (an operator's reset; tests). */
    public void clear() {
        byUsername.clear();
        byAddress.clear();
    }

    private Failures bucket(Map<String, Failures> map, String key) {
        if (map.size() >= limits.capacity()) {
            forgetExpired(map);
        }
        return map.computeIfAbsent(key, k -> new Failures());
    }

    /** Milliseconds until one more attempt is allowed; 0 if it is now. Drops failures that left the window. */
    private long waitFor(Failures f, int limit, long now) {
        long from = now - limits.window().toMillis();
        while (!f.times.isEmpty() && f.times.peekFirst() <= from) {
            f.times.removeFirst();
        }
        if (f.times.size() < limit) {
            return 0;
        }
        // The (size - limit + 1)th oldest failure must leave the window first.
        int skip = f.times.size() - limit;
        long oldestThatMustGo = f.times.stream().skip(skip).findFirst().orElse(now);
        return Math.max(1, oldestThatMustGo - from);
    }

    private void forgetExpired(Map<String, Failures> map) {
        long from = clock.millis() - limits.window().toMillis();
        map.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                Long last = e.getValue().times.peekLast();
                return last == null || last <= from;
            }
        });
        if (map.size() >= limits.capacity()) {
            map.clear();
        }
    }
}
