package uk.lifeline.tariff;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import uk.lifeline.command.ChangeTimeOfUsePrice;
import uk.lifeline.command.UnitPrice;

/**
 * Two or more unit rates by time of day: each {@link RateSwitch} starts its rate at a meter-local (Europe/London)
 * wall-clock time, and the last switch of the day runs on past midnight to the first. On the days the clocks
 * change the rates follow the wall clock: the off-peak hours of a 23-hour day are one hour shorter, those of a
 * 25-hour day one hour longer. Switch times are on the quarter hour, as codes carry them; a half hour with a
 * switch at its middle is charged half at each rate (the data cannot say more). Immutable and thread-safe.
 */
public record TimeOfUse(List<RateSwitch> switches, UnitPrice standingCharge) implements Tariff {

    private static final BigDecimal HALF = new BigDecimal("0.5");

    /** From {@code from} (inclusive) until the next switch, energy costs {@code rate}. Immutable. */
    public record RateSwitch(LocalTime from, UnitPrice rate) {
        public RateSwitch {
            Objects.requireNonNull(rate, "rate");
            if (from.getMinute() % 15 != 0 || from.getSecond() != 0 || from.getNano() != 0) {
                throw new IllegalArgumentException("a rate switches on the quarter hour, not at " + from);
            }
        }
    }

    public TimeOfUse {
        Objects.requireNonNull(standingCharge, "standingCharge");
        List<RateSwitch> sorted = new ArrayList<>(switches);
        sorted.sort(Comparator.comparing(RateSwitch::from));
        if (sorted.size() < 2) {
            throw new IllegalArgumentException("a time-of-use tariff has at least two rates");
        }
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).from().equals(sorted.get(i - 1).from())) {
                throw new IllegalArgumentException(
                        "two rates switch at " + sorted.get(i).from());
            }
        }
        switches = Collections.unmodifiableList(sorted);
    }

    /** The two-rate tariff a change-time-of-use-price code carries. */
    public static TimeOfUse of(ChangeTimeOfUsePrice command) {
        return new TimeOfUse(
                Arrays.asList(
                        new RateSwitch(command.offPeakStart(), command.offPeakRate()),
                        new RateSwitch(command.offPeakEnd(), command.peakRate())),
                command.standingCharge());
    }

    /** The rate in force at a meter-local wall-clock time. */
    public UnitPrice rateAt(LocalTime time) {
        return rateAt(time.toSecondOfDay());
    }

    /** The rate at a second of the wall-clock day (0 to 86,399); allocates nothing, for the charging loop. */
    private UnitPrice rateAt(int secondOfDay) {
        RateSwitch current = switches.get(switches.size() - 1);
        for (int i = 0; i < switches.size(); i++) {
            RateSwitch candidate = switches.get(i);
            if (candidate.from().toSecondOfDay() > secondOfDay) {
                break;
            }
            current = candidate;
        }
        return current.rate();
    }

    @Override
    public BigDecimal halfHourCharge(LocalTime start, long wattHours, long usedBefore) {
        UnitPrice first = rateAt(start.toSecondOfDay());
        UnitPrice second = rateAt((start.toSecondOfDay() + 900) % 86_400);
        if (first.equals(second)) {
            return Tariff.energyCharge(wattHours, first);
        }
        return Tariff.energyCharge(wattHours, first)
                .add(Tariff.energyCharge(wattHours, second))
                .multiply(HALF);
    }
}
