package uk.lifeline.prepay;

/**
 * Whether the meter's load switch lets energy through. A disabled supply is never switched straight back on:
 * it is armed, and the customer presses the button when it is safe (a heater left on stays off until someone is
 * there). Code = lower-case name; never rename. Immutable and thread-safe.
 */
public enum SupplyState {
    ENABLED,
    ARMED,
    DISABLED;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
