package uk.lifeline.command;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A price in pence with up to three decimals: pence per kWh for unit rates, pence per day for standing charges.
 * Held as a whole number of thousandths of a penny, so no price is ever rounded on its way to a meter.
 * Immutable and thread-safe.
 */
public record UnitPrice(long thousandthsOfPenny) {

    /** Prices in a code are 18 bits of thousandths of a penny: up to 262.143p. */
    public static final int BITS = 18;

    public static final long MAX = (1L << BITS) - 1;

    public UnitPrice {
        if (thousandthsOfPenny < 0) {
            throw new IllegalArgumentException("a price cannot be negative");
        }
    }

    /**
     * Parses pence such as {@code 24.86} or {@code 60.097}.
     *
     * @throws ParameterOutOfRangeException naming {@code parameter} when it has more than three decimals
     */
    public static UnitPrice parse(String parameter, String pence) {
        try {
            return ofPence(new BigDecimal(pence.trim()));
        } catch (ArithmeticException | NumberFormatException e) {
            throw new ParameterOutOfRangeException(parameter, pence, "pence with at most three decimals, e.g. 24.862");
        }
    }

    /** @throws ArithmeticException if {@code pence} needs rounding to three decimals */
    public static UnitPrice ofPence(BigDecimal pence) {
        return new UnitPrice(
                pence.setScale(3, RoundingMode.UNNECESSARY).movePointRight(3).longValueExact());
    }

    /** The price in pence, scale 3. */
    public BigDecimal pence() {
        return BigDecimal.valueOf(thousandthsOfPenny, 3);
    }

    @Override
    public String toString() {
        return pence().toPlainString();
    }
}
