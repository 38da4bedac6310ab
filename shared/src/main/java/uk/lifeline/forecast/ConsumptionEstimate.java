package uk.lifeline.forecast;

import java.util.List;
import java.util.Objects;

/**
 * How much a home is expected to use: its average day in watt-hours (de-seasoned: the typical profile's month,
 * weekday and half-hour shape is laid over it), the band the forecast's window spans (the low and high days as
 * percentages of the average), and what it rests on in words. Immutable.
 *
 * @param averageDayWattHours the home's year-average day
 * @param lowPercent the light end of the band, below 100
 * @param highPercent the heavy end of the band, above 100
 */
public record ConsumptionEstimate(
        Fuel fuel, long averageDayWattHours, int lowPercent, int highPercent, Basis basis, List<String> restsOn) {

    /** Where the estimate came from. Stored and shown by name: never rename one. */
    public enum Basis {
        /** The customer's own balances reported between two dates, with the top-ups between them. */
        REPORTED_BALANCES,
        /** The customer's own top-ups: what goes onto a meter at a steady rate is what it spends. */
        TOP_UP_HISTORY,
        /** No usable history: the typical home for the fuel. */
        TYPICAL_PROFILE
    }

    public ConsumptionEstimate {
        Objects.requireNonNull(fuel, "fuel");
        Objects.requireNonNull(basis, "basis");
        restsOn = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(restsOn));
        if (averageDayWattHours < 0 || lowPercent <= 0 || lowPercent > 100 || highPercent < 100 || highPercent > 1000) {
            throw new IllegalArgumentException("an estimate needs a non-negative day and 0 < low <= 100 <= high");
        }
    }
}
