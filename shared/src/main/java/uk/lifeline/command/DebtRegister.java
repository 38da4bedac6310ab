package uk.lifeline.command;

/**
 * The meter's debt registers: two recovered by time (an amount per day or hour) and one recovered from each
 * top-up (a percentage). Code value = ordinal position below; never reorder.
 */
public enum DebtRegister {
    TIME_BASED_1,
    TIME_BASED_2,
    PAYMENT_BASED;

    static final int BITS = 2;
    /** Debt amounts are 20 bits of pence: up to £10,485.75. */
    static final int AMOUNT_BITS = 20;

    static final long MAX_AMOUNT = (1L << AMOUNT_BITS) - 1;

    void put(FieldWriter out) {
        out.put(ordinal(), BITS);
    }

    static DebtRegister take(FieldReader in) {
        int code = (int) in.take(BITS);
        if (code >= values().length) {
            throw new ParameterOutOfRangeException("register", code, "0 to " + (values().length - 1));
        }
        return values()[code];
    }

    /** Each register is its own setting: a code for one never supersedes a code for another. */
    public Setting setting() {
        switch (this) {
            case TIME_BASED_1:
                return Setting.DEBT_TIME_BASED_1;
            case TIME_BASED_2:
                return Setting.DEBT_TIME_BASED_2;
            default:
                return Setting.DEBT_PAYMENT_BASED;
        }
    }

    boolean isTimeBased() {
        return this != PAYMENT_BASED;
    }
}
