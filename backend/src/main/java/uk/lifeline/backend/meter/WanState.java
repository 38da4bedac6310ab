package uk.lifeline.backend.meter;

/** Whether a device can be reached over the smart-meter WAN; codes are for the ones that cannot. */
public enum WanState {
    /** Commissioned and on the WAN: commands normally go through the DCC. */
    COMMISSIONED_WAN,
    /** Installed, never joined the WAN. */
    NO_WAN,
    /** Installed and left without commissioning, waiting for the WAN to arrive. */
    INSTALL_AND_LEAVE,
    /** Only some devices joined (e.g. the hub but not the meter). */
    PARTIAL_INSTALL
}
