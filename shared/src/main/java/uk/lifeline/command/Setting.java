package uk.lifeline.command;

/**
 * The part of a meter's state a command writes. The meter uses it to refuse a stale code: a code that sets a
 * setting is refused once a newer code for the same setting has been accepted (it would undo it), and a code that
 * adjusts an amount is refused once a newer code has set that amount (it was accounted for, or cancelled, by then).
 * Codes for different settings never block each other, so a price change still goes in after a newer top-up.
 */
public enum Setting {
    CREDIT,
    DEBT_TIME_BASED_1,
    DEBT_TIME_BASED_2,
    DEBT_PAYMENT_BASED,
    TARIFF,
    FRIENDLY_CREDIT_SLOT_1,
    FRIENDLY_CREDIT_SLOT_2,
    FRIENDLY_CREDIT_SLOT_3,
    FRIENDLY_CREDIT_SLOT_4,
    NON_DISCONNECT_PERIOD,
    HAN,
    PAYMENT_MODE,
    /** Revert to default writes every setting at once. */
    ALL
}
