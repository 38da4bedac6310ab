package uk.lifeline.command;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money as whole pence in a {@code long}, written and read as pounds with two decimals. Stateless. */
public final class Pence {

    private Pence() {}

    /** {@code 1234} becomes {@code "12.34"}; negative amounts keep their sign. */
    public static String toPounds(long pence) {
        return BigDecimal.valueOf(pence, 2).toPlainString();
    }

    /**
     * Parses pounds such as {@code 12.34} or {@code 100} into pence, refusing anything that would need rounding.
     *
     * @throws ParameterOutOfRangeException naming {@code parameter} if the text is not pounds with at most two
     *     decimals
     */
    public static long fromPounds(String parameter, String pounds) {
        try {
            return new BigDecimal(pounds.trim())
                    .setScale(2, RoundingMode.UNNECESSARY)
                    .movePointRight(2)
                    .longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new ParameterOutOfRangeException(parameter, pounds, "pounds with at most two decimals, e.g. 12.34");
        }
    }
}
