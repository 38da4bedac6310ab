package uk.lifeline.prepay;

import uk.lifeline.tariff.Rounding;

/**
 * Where a top-up goes, in this order (the order meter manuals give for SMETS2 prepayment):
 *
 * <ol>
 *   <li>{@code paymentDebt}: the payment-based debt's share, its percentage of the top-up rounded down, no more
 *       than the debt or what its cap leaves this period;
 *   <li>{@code accumulatedDebt}: the Accumulated Debt Register;
 *   <li>{@code shortfall}: whatever the meter balance is below the disablement threshold;
 *   <li>{@code emergencyCredit}: emergency credit used;
 *   <li>{@code balance}: the rest, added to the meter balance.
 * </ol>
 *
 * <p>Worked example (docs/tariff.md, "Top-up allocation"): a 20.00 top-up with 150.00 payment-based debt at 10%,
 * 3.40 accumulated debt, a meter balance of -0.40 against a 0.00 threshold and 5.00 emergency credit used gives
 * 2.00, 3.40, 0.40, 5.00 and 9.20, leaving the meter balance at 9.20. Immutable.
 */
public record TopUpAllocation(
        long amount, long paymentDebt, long accumulatedDebt, long shortfall, long emergencyCredit, long balance) {

    /**
     * Shares out {@code amount} pence.
     *
     * @param payment the payment-based register
     * @param paymentCapLeft what the payment-based cap still allows this period ({@link Long#MAX_VALUE} if none)
     * @param accumulatedDebt the Accumulated Debt Register
     * @param meterBalance the meter balance before the top-up
     * @param disablementThreshold the disablement threshold
     * @param emergencyCreditUsed emergency credit spent and not yet repaid
     */
    public static TopUpAllocation of(
            long amount,
            PaymentDebt payment,
            long paymentCapLeft,
            long accumulatedDebt,
            long meterBalance,
            long disablementThreshold,
            long emergencyCreditUsed) {
        if (amount <= 0) {
            throw new IllegalArgumentException("a top-up is at least 1p: " + amount);
        }
        long left = amount;
        long toPayment = Math.max(
                0,
                Math.min(
                        Math.min(Rounding.percentOf(amount, payment.percent()), payment.amountPence()),
                        paymentCapLeft));
        left -= toPayment;
        long toAccumulated = Math.min(left, accumulatedDebt);
        left -= toAccumulated;
        long toShortfall = Math.min(left, Math.max(0, disablementThreshold - meterBalance));
        left -= toShortfall;
        long toEmergency = Math.min(left, emergencyCreditUsed);
        left -= toEmergency;
        return new TopUpAllocation(amount, toPayment, toAccumulated, toShortfall, toEmergency, left);
    }
}
