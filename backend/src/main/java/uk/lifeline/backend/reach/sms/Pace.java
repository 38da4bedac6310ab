package uk.lifeline.backend.reach.sms;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * At most {@code perSecond} permits a second, spread evenly: each caller takes the next free slot and waits for
 * it. Thread-safe.
 */
public final class Pace {

    private final long intervalNanos;
    private long next = System.nanoTime();

    public Pace(int perSecond) {
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
    }

    /** Waits for this caller's slot. */
    public void acquire() {
        long slot;
        synchronized (this) {
            long now = System.nanoTime();
            slot = Math.max(next, now);
            next = slot + intervalNanos;
        }
        long wait;
        while ((wait = slot - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }
}
