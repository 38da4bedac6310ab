package uk.lifeline.prepay;

import java.util.Objects;
import uk.lifeline.command.DebtRegister;

/**
 * What the customer owes besides the credit used: two time-based registers, the payment-based register and the
 * Accumulated Debt Register (charges the meter could not take from credit). Immutable and thread-safe.
 */
public record Debts(TimeDebt timeBased1, TimeDebt timeBased2, PaymentDebt paymentBased, long accumulatedDebt) {

    public static final Debts NONE = new Debts(TimeDebt.NONE, TimeDebt.NONE, PaymentDebt.NONE, 0);

    public Debts {
        Objects.requireNonNull(timeBased1, "timeBased1");
        Objects.requireNonNull(timeBased2, "timeBased2");
        Objects.requireNonNull(paymentBased, "paymentBased");
        Money.check("accumulated debt", accumulatedDebt);
        if (accumulatedDebt < 0) {
            throw new IllegalArgumentException("accumulated debt cannot be negative");
        }
    }

    /** The amount in one register. */
    public long amount(DebtRegister register) {
        switch (register) {
            case TIME_BASED_1:
                return timeBased1.amountPence();
            case TIME_BASED_2:
                return timeBased2.amountPence();
            default:
                return paymentBased.amountPence();
        }
    }

    /** Every register and the Accumulated Debt Register together. */
    public long total() {
        return Money.plus(
                "total debt",
                Money.plus("total debt", timeBased1.amountPence(), timeBased2.amountPence()),
                Money.plus("total debt", paymentBased.amountPence(), accumulatedDebt));
    }
}
