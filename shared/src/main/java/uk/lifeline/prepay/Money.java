package uk.lifeline.prepay;

/**
 * The range every money register of a modelled meter stays in, and arithmetic on registers that fails rather than
 * wraps. Real meters hold far less (a few hundred pounds); the bound is what makes every sum of a few registers
 * exact in a {@code long}. Stateless.
 */
public final class Money {

    /** The largest amount, in pence, any register may hold (and the most negative, negated): £10,000,000,000. */
    public static final long MOST_PENCE = 1_000_000_000_000L;

    private Money() {}

    /**
     * The amount, when it is within ±{@link #MOST_PENCE}.
     *
     * @throws MoneyOutOfRangeException naming {@code what} when it is not
     */
    public static long check(String what, long pence) {
        if (pence > MOST_PENCE || pence < -MOST_PENCE) {
            throw new MoneyOutOfRangeException(what, pence);
        }
        return pence;
    }

    /** {@code a + b}, exactly, within range. @throws MoneyOutOfRangeException otherwise */
    public static long plus(String what, long a, long b) {
        try {
            return check(what, Math.addExact(a, b));
        } catch (MoneyOutOfRangeException e) {
            throw e;
        } catch (ArithmeticException e) {
            throw new MoneyOutOfRangeException(what, a, b);
        }
    }

    /** {@code a - b}, exactly, within range. @throws MoneyOutOfRangeException otherwise */
    public static long minus(String what, long a, long b) {
        try {
            return check(what, Math.subtractExact(a, b));
        } catch (MoneyOutOfRangeException e) {
            throw e;
        } catch (ArithmeticException e) {
            throw new MoneyOutOfRangeException(what, a, -b);
        }
    }
}
