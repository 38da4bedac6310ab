package uk.lifeline.backend.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Password-guessing protection for sign-in that a guesser cannot turn against the rightful user. Failures are
 * counted in a sliding window three ways: per username-and-address pair (past its limit that pair alone is refused
 * with 429: the guesser, not the user at their own desk), and per username and per address, which only slow
 * attempts down (the delay doubles with each failure past the limit, up to a cap) and never refuse the right
 * password. An attempt is counted before its password is checked, so a parallel burst is counted in full, and is
 * taken back if it succeeds: successes never count. Held in memory, per backend instance; bounded. Thread-safe.
 */
@Component
public class SignInThrottle {

    /** An attempt let through, counted as failed unless handed back to {@link #succeeded}. */
    public record Attempt(String username, String address, long at) {}

    /** What to do with an attempt: go ahead after {@code delay}, or refuse it for {@code retryAfter}. */
    public sealed interface Decision {
        record Go(Attempt attempt, Duration delay) implements Decision {}

        record Refuse(Duration retryAfter) implements Decision {}
    }

    /** Failure times (epoch milliseconds), oldest first. Guarded by itself. */
    private static final class Failures {
        final ArrayDeque<Long> times = new ArrayDeque<>();
    }

    private final SignInThrottleProperties limits;
    private final Clock clock;
    private final Map<String, Failures> byPair = new ConcurrentHashMap<>();
    private final Map<String, Failures> byUsername = new ConcurrentHashMap<>();
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

    public SignInThrottle(SignInThrottleProperties limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    public Decision begin(String username, String address) {
        String user = username.strip().toLowerCase(Locale.ROOT);
        long now = clock.millis();
        Failures p = bucket(byPair, pair(user, address));
        Failures u = bucket(byUsername, user);
        Failures a = bucket(byAddress, address);
        // Lock in a fixed order (pair, username, address) so two attempts never wait on each other in a cycle.
        synchronized (p) {
            synchronized (u) {
                synchronized (a) {
                    long refuse = waitFor(p, limits.perPair(), now);
                    if (refuse > 0) {
                        return new Decision.Refuse(Duration.ofMillis(refuse));
                    }
                    Duration delay = max(slowdown(u, limits.perUsername(), now), slowdown(a, limits.perAddress(), now));
                    p.times.addLast(now);
                    u.times.addLast(now);
                    a.times.addLast(now);
                    return new Decision.Go(new Attempt(user, address, now), delay);
                }
            }
        }
    }

    /** The password was right: this attempt does not count, and the pair's earlier failures are forgotten. */
    public void succeeded(Attempt attempt) {
        Failures p = byPair.get(pair(attempt.username(), attempt.address()));
        if (p != null) {
            synchronized (p) {
                p.times.clear();
            }
        }
        for (Failures f : new Failures[] {byUsername.get(attempt.username()), byAddress.get(attempt.address())}) {
            if (f != null) {
                synchronized (f) {
                    f.times.removeLastOccurrence(attempt.at());
                }
            }
        }
    }

    /** Forgets every failure (an operator's reset; tests). */
    public void clear() {
        byPair.clear();
        byUsername.clear();
        byAddress.clear();
    }

    private static String pair(String user, String address) {
        return user + "\n" + address;
    }

    private Failures bucket(Map<String, Failures> map, String key) {
        if (map.size() >= limits.capacity()) {
            forgetExpired(map);
        }
        return map.computeIfAbsent(key, k -> new Failures());
    }

    /** The delay for one more attempt when {@code limit} failures are already in the window; none below it. */
    private Duration slowdown(Failures f, int limit, long now) {
        dropOld(f, now);
        int over = f.times.size() - limit;
        if (over < 0) {
            return Duration.ZERO;
        }
        long most = limits.mostDelay().toMillis();
        long delay = over >= 30 ? most : Math.min(most, limits.firstDelay().toMillis() << over);
        return Duration.ofMillis(delay);
    }

    /** Milliseconds until one more attempt is allowed; 0 if it is now. */
    private long waitFor(Failures f, int limit, long now) {
        dropOld(f, now);
        if (f.times.size() < limit) {
            return 0;
        }
        // The (size - limit + 1)th oldest failure must leave the window first.
        int skip = f.times.size() - limit;
        long oldestThatMustGo = f.times.stream().skip(skip).findFirst().orElse(now);
        return Math.max(1, oldestThatMustGo - (now - limits.window().toMillis()));
    }

    private void dropOld(Failures f, long now) {
        long from = now - limits.window().toMillis();
        while (!f.times.isEmpty() && f.times.peekFirst() <= from) {
            f.times.removeFirst();
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
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
