package uk.lifeline.tariff;

import java.math.BigDecimal;
import java.time.LocalTime;
import uk.lifeline.command.UnitPrice;

/**
 * What a meter charges: a standing charge per day and unit rates, single ({@link SingleRate}), by time of day
 * ({@link TimeOfUse}) or by consumption in a period ({@link Block}). Charges come out exact, in pence, and are
 * made whole pence in one place ({@link Rounding}). Implementations are immutable and thread-safe.
 */
public sealed interface Tariff permits SingleRate, TimeOfUse, Block {

    /** Pence per day, taken at each meter-local midnight. */
    UnitPrice standingCharge();

    /**
     * The exact charge in pence for {@code wattHours} used in the half hour that starts at meter-local time
     * {@code start}, when {@code usedBefore} watt-hours were used earlier in the same block period.
     */
    BigDecimal halfHourCharge(LocalTime start, long wattHours, long usedBefore);

    /**
     * Exact pence for watt-hours at a rate: kWh (3 decimals) times pence per kWh (3 decimals) is a whole number of
     * millionths of a penny, so the product of the two whole numbers at scale 6 is exact (and cheaper than
     * multiplying two decimals, which matters 17,520 times a year).
     *
     * @throws ArithmeticException if the product does not fit a long (over 9 million kWh at 1p)
     */
    static BigDecimal energyCharge(long wattHours, UnitPrice rate) {
        if (wattHours < 0) {
            throw new IllegalArgumentException("energy cannot be negative: " + wattHours + " Wh");
        }
        return BigDecimal.valueOf(Math.multiplyExact(wattHours, rate.thousandthsOfPenny()), 6);
    }
}
