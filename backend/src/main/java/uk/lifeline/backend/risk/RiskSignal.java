package uk.lifeline.backend.risk;

import java.util.Locale;

/**
 * Why a no-WAN meter is on the at-risk list. Sent and stored by {@link #code()}: never rename one. The order here
 * is the order reasons are listed in.
 */
public enum RiskSignal {
    /** The customer said, in the app or to an agent, that they have no supply. */
    NO_SUPPLY_REPORTED,
    /** The modelled supply is disabled or armed. */
    SUPPLY_OFF,
    /** The run-out forecast's window opens within the list's days. */
    RUN_OUT_SOON,
    /** The meter's emergency credit is in use. */
    EMERGENCY_CREDIT_IN_USE,
    /** A code came back "locked" (too many bad codes) or "credit too high". */
    CODE_PROBLEM_REPORTED,
    /** No top-up for longer than half as much again as the customer's usual interval. */
    TOP_UP_OVERDUE,
    /** Charges the meter could not take are piling up in the Accumulated Debt Register. */
    DEBT_GROWING;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
