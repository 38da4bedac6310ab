package uk.lifeline.prepay;

/**
 * A money register that would leave {@link Money}'s range (or overflow a {@code long}): refused, never wrapped.
 * Carries what it was and the amount (or the two amounts whose sum it would have been). Immutable.
 */
public final class MoneyOutOfRangeException extends ArithmeticException {

    private final String what;

    MoneyOutOfRangeException(String what, long pence) {
        super(what + " of " + pence + "p is outside ±" + Money.MOST_PENCE + "p");
        this.what = what;
    }

    MoneyOutOfRangeException(String what, long a, long b) {
        super(what + " of " + a + "p + " + b + "p would overflow");
        this.what = what;
    }

    /** Which register or amount, e.g. {@code meter balance}. */
    public String what() {
        return what;
    }
}
