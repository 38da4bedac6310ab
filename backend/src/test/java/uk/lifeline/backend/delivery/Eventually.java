package uk.lifeline.backend.delivery;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting in tests for background work (dispatchers, campaign workers, sweeps) to reach a state. Stateless. */
public final class Eventually {

    private Eventually() {}

    /** Polls {@code condition} every 20 ms until it holds; fails the test if it does not within {@code within}. */
    public static void until(BooleanSupplier condition, Duration within) {
        long until = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not reached in " + within);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
