package uk.lifeline.backend.reach.ladder;

/** Up to {@code perSecond} permits a second, a second's worth saved at most. Thread-safe. */
final class TokenBucket {

    private final int perSecond;
    private double tokens;
    private long last = System.nanoTime();

    TokenBucket(int perSecond) {
        this.perSecond = perSecond;
        this.tokens = perSecond;
    }

    /** Takes up to {@code wanted} permits now; returns how many it got. */
    synchronized int take(int wanted) {
        long now = System.nanoTime();
        tokens = Math.min(perSecond, tokens + (now - last) / 1e9 * perSecond);
        last = now;
        int got = (int) Math.min(wanted, Math.floor(tokens));
        tokens -= got;
        return got;
    }

    /** Gives back permits taken but not used. */
    synchronized void giveBack(int unused) {
        tokens = Math.min(perSecond, tokens + unused);
    }
}
