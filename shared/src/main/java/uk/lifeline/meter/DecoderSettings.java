package uk.lifeline.meter;

import java.time.Duration;

/**
 * A meter's code-entry settings. Immutable.
 *
 * @param counterCacheSize how many accepted counters the meter remembers (GBCS: about 100)
 * @param failuresBeforeLockout bad-MAC codes since the last accepted code (or lockout) that lock the keypad;
 *     typos and other refusals do not count
 * @param firstLockout how long the first lockout lasts; each further lockout before a good code doubles it
 * @param longestLockout the cap on a lockout's length
 * @param blockEntryTimeout how long the meter waits for the next block of a chained code
 */
public record DecoderSettings(
        int counterCacheSize,
        int failuresBeforeLockout,
        Duration firstLockout,
        Duration longestLockout,
        Duration blockEntryTimeout) {

    /** 100 counters; 5 failures lock for 10 s, doubling to at most 1280 s (about 21 minutes); 10 minutes a block. */
    public static final DecoderSettings DEFAULTS =
            new DecoderSettings(100, 5, Duration.ofSeconds(10), Duration.ofSeconds(1280), Duration.ofMinutes(10));

    public DecoderSettings {
        if (counterCacheSize < 1 || failuresBeforeLockout < 1) {
            throw new IllegalArgumentException("cache size and failures before lockout must be at least 1");
        }
        if (firstLockout.isNegative()
                || firstLockout.isZero()
                || longestLockout.compareTo(firstLockout) < 0
                || blockEntryTimeout.isNegative()
                || blockEntryTimeout.isZero()) {
            throw new IllegalArgumentException("lockout and timeout durations must be above zero, longest >= first");
        }
    }

    public DecoderSettings withFailuresBeforeLockout(int failures) {
        return new DecoderSettings(counterCacheSize, failures, firstLockout, longestLockout, blockEntryTimeout);
    }

    public DecoderSettings withCounterCacheSize(int size) {
        return new DecoderSettings(size, failuresBeforeLockout, firstLockout, longestLockout, blockEntryTimeout);
    }

    /** The length of the {@code n}th lockout in a row (1-based). */
    Duration lockout(int n) {
        Duration length = firstLockout;
        for (int i = 1; i < n && length.compareTo(longestLockout) < 0; i++) {
            length = length.multipliedBy(2);
        }
        return length.compareTo(longestLockout) > 0 ? longestLockout : length;
    }
}
