package uk.lifeline.prepay;

import java.util.Locale;

/**
 * Why a meter's money or supply changed: the reason on every timeline entry. Code = lower-case name with dashes;
 * stable for the API, the app and the CLI; never rename one. Immutable and thread-safe.
 */
public enum Change {
    /** Energy used in a half hour, taken from credit. */
    ENERGY_CHARGE,
    /** The day's standing charge, taken from credit at meter-local midnight. */
    STANDING_CHARGE,
    /** The part of a charge credit could not cover, added to the Accumulated Debt Register. */
    CHARGE_TO_ACCUMULATED_DEBT,
    /** Time-based debt recovered from credit. */
    TIME_DEBT_RECOVERY,
    /** Time-based debt due that credit could not cover, moved from its register to the Accumulated Debt Register. */
    TIME_DEBT_TO_ACCUMULATED_DEBT,
    /** A top-up accepted (amount = the whole top-up); the entries after it show where it went. */
    TOP_UP,
    /** Top-up step 1: the payment-based debt's share. */
    PAYMENT_DEBT_RECOVERY,
    /** Top-up step 2: Accumulated Debt Register repaid. */
    ACCUMULATED_DEBT_REPAID,
    /** Top-up step 3: meter balance brought up to the disablement threshold. */
    SHORTFALL_REPAID,
    /** Top-up step 4: emergency credit used, repaid. */
    EMERGENCY_CREDIT_REPAID,
    /** Top-up step 5: the rest, added to the meter balance. */
    CREDIT_ADDED,
    EMERGENCY_CREDIT_AVAILABLE,
    EMERGENCY_CREDIT_ACTIVATED,
    /** Emergency credit fully repaid; the meter no longer counts it. */
    EMERGENCY_CREDIT_CLEARED,
    LOW_CREDIT,
    CREDIT_DEDUCTED,
    CREDIT_SET,
    DEBT_ADDED,
    DEBT_DEDUCTED,
    DEBT_SET,
    PRICE_CHANGED,
    PRICE_SCHEDULED,
    /** A scheduled tariff came into force at meter-local midnight. */
    PRICE_SWITCHED,
    FRIENDLY_CREDIT_SET,
    NON_DISCONNECT_SET,
    HAN_OPENED,
    MODE_CHANGED,
    REVERTED_TO_DEFAULT,
    SUPPLY_DISABLED,
    SUPPLY_ARMED,
    SUPPLY_ENABLED,
    /** A command, a button press or an emergency-credit request refused; the note names the {@link Refusal}. */
    REFUSED;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException for an unknown code (never falls back to a default) */
    public static Change fromCode(String code) {
        for (Change change : values()) {
            if (change.code().equals(code)) {
                return change;
            }
        }
        throw new IllegalArgumentException("unknown change '" + code + "'");
    }
}
