package uk.lifeline.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A run-out window as a person reads it: "about 2 to 3 days" of credit left, counted from now, and whether it is
 * time to warn. The one place that turns a {@link RunOut}'s instants into whole days, so the backend and the app
 * say the same. Immutable.
 *
 * @param from whole days until the window opens (rounded down; 0 when it opens within a day or has opened)
 * @param to whole days until it closes (rounded up, at least {@code from + 1}); -1 when the light end lasts past
 *     the forecast's horizon ("at least {@code from} days")
 * @param low the window opens within {@link #WARN_AHEAD}: time for the low-credit warning
 */
public record DaysLeft(int from, int to, boolean low) {

    /** The low-credit warning comes this long before the earliest the credit may run out. */
    public static final Duration WARN_AHEAD = Duration.ofHours(24);

    private static final long DAY = 86_400;

    public DaysLeft {
        if (from < 0 || (to != -1 && to <= from)) {
            throw new IllegalArgumentException("days left " + from + " to " + to);
        }
    }

    /** Days left for a window from {@code earliest} to {@code latest} (null: past the horizon), seen at {@code now}. */
    public static DaysLeft of(Instant earliest, Instant latest, Instant now) {
        Objects.requireNonNull(earliest, "earliest");
        Objects.requireNonNull(now, "now");
        long toEarliest = Math.max(0, earliest.getEpochSecond() - now.getEpochSecond());
        int from = (int) Math.min(Integer.MAX_VALUE - 1, toEarliest / DAY);
        int to = -1;
        if (latest != null) {
            long toLatest = Math.max(0, latest.getEpochSecond() - now.getEpochSecond());
            to = (int) Math.min(Integer.MAX_VALUE, Math.max(from + 1L, (toLatest + DAY - 1) / DAY));
        }
        return new DaysLeft(from, to, toEarliest <= WARN_AHEAD.getSeconds());
    }

    /** Days left for a forecast, or null when it has no window (credit mode, nothing within the horizon). */
    public static DaysLeft of(RunOut runOut, Instant now) {
        return switch (runOut.kind()) {
            case WINDOW, FROM_EARLIEST, ALREADY_OFF -> of(runOut.earliest(), runOut.latest(), now);
            case NOT_WITHIN_HORIZON, CREDIT_MODE -> null;
        };
    }

    /** True when the light end lies past the forecast's horizon. */
    public boolean openEnded() {
        return to == -1;
    }
}
