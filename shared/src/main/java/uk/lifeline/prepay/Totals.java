package uk.lifeline.prepay;

/**
 * The meter's running money totals since it was configured, all in pence. They balance at every instant:
 * {@code toppedUp + creditAdjusted = change in (meter balance - emergency credit used) + chargesCollected +
 * debtCollected}; and the debt registers change by {@code debtAdjusted + chargesDeferred - debtCollected}.
 * Immutable.
 *
 * @param toppedUp top-ups accepted
 * @param creditAdjusted credit added (+) or taken away (-) by deduct-credit, set-credit and revert-to-default
 * @param chargesCollected energy and standing charges taken from credit
 * @param chargesDeferred charges that went to the Accumulated Debt Register instead
 * @param debtCollected debt recovered: payment-based shares, accumulated debt repaid, time-based recovery
 * @param debtAdjusted debt added (+) or removed (-) by add, deduct and set-debt and revert-to-default
 */
public record Totals(
        long toppedUp,
        long creditAdjusted,
        long chargesCollected,
        long chargesDeferred,
        long debtCollected,
        long debtAdjusted) {

    public static final Totals NONE = new Totals(0, 0, 0, 0, 0, 0);
}
