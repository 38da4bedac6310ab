package uk.lifeline.prepay;

import java.time.Duration;
import java.time.Instant;

/**
 * A home's demand as consecutive half-hourly readings in watt-hours (kWh to three decimals), from a start instant
 * on the half hour. What the home would use with the supply on; a simulation takes none while it is off.
 * Immutable and thread-safe.
 */
public final class ConsumptionProfile {

    public static final Duration HALF_HOUR = Duration.ofMinutes(30);
    private static final long HALF_HOUR_SECONDS = 1800;

    private final Instant start;
    private final long[] wattHours;

    private ConsumptionProfile(Instant start, long[] wattHours) {
        this.start = start;
        this.wattHours = wattHours;
    }

    /**
     * @throws IllegalArgumentException if {@code start} is not on the half hour or a reading is negative
     */
    public static ConsumptionProfile of(Instant start, long[] wattHours) {
        if (start.getEpochSecond() % HALF_HOUR_SECONDS != 0 || start.getNano() != 0) {
            throw new IllegalArgumentException("half-hourly readings start on the half hour, not at " + start);
        }
        for (int i = 0; i < wattHours.length; i++) {
            if (wattHours[i] < 0) {
                throw new IllegalArgumentException("reading " + i + " is negative: " + wattHours[i] + " Wh");
            }
        }
        return new ConsumptionProfile(start, wattHours.clone());
    }

    public Instant start() {
        return start;
    }

    /** The end of the last half hour. */
    public Instant end() {
        return startOf(wattHours.length);
    }

    public int size() {
        return wattHours.length;
    }

    public long wattHours(int index) {
        return wattHours[index];
    }

    /** The start of half hour {@code index}; {@code size()} gives the end of the last. */
    public Instant startOf(int index) {
        return start.plusSeconds(HALF_HOUR_SECONDS * index);
    }

    public long totalWattHours() {
        long total = 0;
        for (long reading : wattHours) {
            total += reading;
        }
        return total;
    }
}
