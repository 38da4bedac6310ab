package uk.lifeline.prepay;

/** The payment-based debt register: the debt outstanding and the percentage of each top-up it takes. Immutable. */
public record PaymentDebt(long amountPence, long percent) {

    public static final PaymentDebt NONE = new PaymentDebt(0, 0);

    public PaymentDebt {
        Money.check("payment-based debt", amountPence);
        if (amountPence < 0 || percent < 0 || percent > 100) {
            throw new IllegalArgumentException("debt cannot be negative and the percentage is 0 to 100");
        }
    }

    public PaymentDebt withAmount(long pence) {
        return new PaymentDebt(pence, percent);
    }
}
