package uk.lifeline.prepay;

/**
 * The customer's credit: the Meter Balance (below zero only after a supplier deducts credit) and emergency
 * credit, which once activated adds its balance to what can be spent until a top-up repays it. Immutable.
 */
public record Credit(long meterBalance, boolean emergencyCreditActive, long emergencyCreditBalance) {

    public static final Credit NONE = new Credit(0, false, 0);

    public Credit {
        Money.check("meter balance", meterBalance);
        Money.check("emergency credit balance", emergencyCreditBalance);
        if (emergencyCreditBalance < 0 || (!emergencyCreditActive && emergencyCreditBalance != 0)) {
            throw new IllegalArgumentException("emergency credit balance is 0 or more, and 0 unless it is active");
        }
    }

    /** What can be spent before the supply is disabled: balance plus any emergency credit left. */
    public long available() {
        return Money.plus("available credit", meterBalance, emergencyCreditBalance);
    }
}
