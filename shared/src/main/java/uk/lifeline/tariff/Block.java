package uk.lifeline.tariff;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import uk.lifeline.calendar.CalendarPeriod;
import uk.lifeline.command.UnitPrice;

/**
 * Unit rates by consumption within a meter-local calendar period: the first tier's rate up to its threshold, the
 * next tier's up to its own, and so on; the last tier has no threshold. Consumption counts from zero again at the
 * start of each period (midnight, Monday midnight, or the first of the month). A half hour that crosses a
 * threshold is split at it, to the watt-hour. Immutable and thread-safe.
 */
public record Block(List<Tier> tiers, CalendarPeriod period, UnitPrice standingCharge) implements Tariff {

    /** No threshold: the last tier. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    /**
     * Energy used in the period up to {@code upToWattHours} (a running total, not the tier's own size) costs
     * {@code rate}. Immutable.
     */
    public record Tier(long upToWattHours, UnitPrice rate) {
        public Tier {
            Objects.requireNonNull(rate, "rate");
            if (upToWattHours <= 0) {
                throw new IllegalArgumentException("a block threshold must be above zero");
            }
        }

        public static Tier unlimited(UnitPrice rate) {
            return new Tier(UNLIMITED, rate);
        }
    }

    public Block {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(standingCharge, "standingCharge");
        tiers = Collections.unmodifiableList(new ArrayList<>(tiers));
        if (tiers.isEmpty() || tiers.get(tiers.size() - 1).upToWattHours() != UNLIMITED) {
            throw new IllegalArgumentException("a block tariff ends with a tier that has no threshold");
        }
        for (int i = 1; i < tiers.size(); i++) {
            if (tiers.get(i).upToWattHours() <= tiers.get(i - 1).upToWattHours()) {
                throw new IllegalArgumentException("block thresholds must rise: " + tiers);
            }
        }
    }

    @Override
    public BigDecimal halfHourCharge(LocalTime start, long wattHours, long usedBefore) {
        BigDecimal charge = BigDecimal.ZERO;
        long position = usedBefore;
        long left = wattHours;
        for (Tier tier : tiers) {
            if (left == 0) {
                break;
            }
            long inTier = Math.min(left, Math.max(0, tier.upToWattHours() - position));
            if (inTier > 0) {
                charge = charge.add(Tariff.energyCharge(inTier, tier.rate()));
                position += inTier;
                left -= inTier;
            }
        }
        return charge;
    }
}
