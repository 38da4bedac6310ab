package uk.lifeline.backend.meter;

/** The SMETS2 devices a premises can have. Only meters (ESME, GSME) take codes. */
public enum DeviceType {
    ESME,
    GSME,
    PPMID,
    CHF;

    public boolean isMeter() {
        return this == ESME || this == GSME;
    }
}
