package uk.lifeline.backend.commissioning;

/** Why a device was left uncommissioned (SEC MP121, DP255). Stored by name: never rename one. */
public enum InstallReason {
    /** The WAN coverage database promised coverage; there was none on the day. */
    REACTIVE_INSTALL_AND_LEAVE,
    /** No coverage was expected; the device was installed to wait for the WAN. */
    PROACTIVE_INSTALL_AND_LEAVE,
    /** The communications hub joined the WAN; this device did not. */
    PARTIAL_INSTALL
}
