package uk.lifeline.tariff;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one place where an exact amount of money becomes whole pence.
 *
 * <p>Tariffs give exact charges (kWh to three decimals times pence to three decimals, so millionths of a penny).
 * The meter takes whole pence and carries the fraction of a penny it has not yet taken into the next charge:
 * {@link #accrue} rounds the running total DOWN ({@link RoundingMode#DOWN}) and keeps the rest. Over any run,
 * the pence taken equal the exact charges rounded down, so the customer never pays for a fraction of a penny
 * before using it and the supplier loses less than a penny in total: a half-up rounding of each half hour would
 * instead drift by up to half a penny 17,520 times a year. A share of a payment (payment-based debt recovery) is
 * rounded DOWN too, in the customer's favour, so no more than the stated percentage is ever taken.
 * Stateless.
 */
public final class Rounding {

    public static final RoundingMode MODE = RoundingMode.DOWN;

    private Rounding() {}

    /**
     * Whole pence of a non-negative exact amount, rounded down.
     *
     * @throws IllegalArgumentException for a negative amount (charges and shares are never negative)
     */
    public static long wholePence(BigDecimal exactPence) {
        return roundDown(exactPence).longValueExact();
    }

    /** Adds an exact charge to the fraction carried so far: the whole pence now due and the new fraction. */
    public static Accrued accrue(BigDecimal carried, BigDecimal exactCharge) {
        BigDecimal total = carried.add(exactCharge);
        BigDecimal whole = roundDown(total);
        long pence = whole.longValueExact();
        return new Accrued(pence, pence == 0 ? total : total.subtract(whole));
    }

    /** The rounding itself; everywhere else money is parsed with RoundingMode.UNNECESSARY, refusing to round. */
    private static BigDecimal roundDown(BigDecimal exactPence) {
        if (exactPence.signum() < 0) {
            throw new IllegalArgumentException("a charge cannot be negative: " + exactPence);
        }
        return exactPence.setScale(0, MODE);
    }

    /** {@code percent} of a payment in whole pence, rounded down. */
    public static long percentOf(long pence, long percent) {
        return wholePence(
                BigDecimal.valueOf(pence).multiply(BigDecimal.valueOf(percent)).movePointLeft(2));
    }

    /**
     * Whole pence due now and the fraction of a penny (0 inclusive to 1 exclusive) carried to the next charge.
     * Immutable.
     */
    public record Accrued(long wholePence, BigDecimal carry) {}
}
