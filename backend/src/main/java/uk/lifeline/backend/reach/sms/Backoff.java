package uk.lifeline.backend.reach.sms;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Doubling backoff with jitter (between half and all of the step), capped. Stateless. */
public final class Backoff {

    private Backoff() {}

    public static Duration after(int attempt, Duration first, Duration longest) {
        long base = first.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        long capped = Math.min(base, longest.toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }
}
