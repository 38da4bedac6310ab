package uk.lifeline.forecast;

import java.util.Locale;

/** The fuel a meter measures. Stored by name: never rename one. Immutable. */
public enum Fuel {
    ELECTRICITY,
    GAS;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
