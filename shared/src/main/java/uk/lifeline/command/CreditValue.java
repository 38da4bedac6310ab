package uk.lifeline.command;

/**
 * The GBCS value class and value of a UTRN: 2 + 13 bits. Value class 0 counts pence (up to £81.91), value
 * class 1 whole pounds (up to £8,191). Lifeline uses pence whenever the amount fits, as GBCS top-ups do.
 * Stateless.
 */
public final class CreditValue {

    public static final int BITS = 15;
    static final int VALUE_BITS = 13;
    static final long MAX_VALUE = (1 << VALUE_BITS) - 1;
    private static final int PENCE = 0;
    private static final int POUNDS = 1;

    private CreditValue() {}

    /** True when {@code pence} has a value-class encoding. */
    public static boolean fits(long pence) {
        return (pence >= 0 && pence <= MAX_VALUE) || (pence % 100 == 0 && pence / 100 <= MAX_VALUE && pence > 0);
    }

    static void put(FieldWriter out, long pence) {
        if (pence <= MAX_VALUE) {
            out.put(PENCE, 2).put(pence, VALUE_BITS);
        } else {
            out.put(POUNDS, 2).put(pence / 100, VALUE_BITS);
        }
    }

    /** Reads a value class and value; value classes 2 and 3 are reserved by GBCS. */
    static long take(String parameter, FieldReader in) {
        int valueClass = (int) in.take(2);
        long value = in.take(VALUE_BITS);
        switch (valueClass) {
            case PENCE:
                return value;
            case POUNDS:
                return value * 100;
            default:
                throw new ParameterOutOfRangeException(
                        parameter + " value class", valueClass, "0 (pence) or 1 (pounds)");
        }
    }
}
