package uk.lifeline.backend.commissioning;

/** Whether a device has been commissioned (joined the DCC's inventory over the WAN). Stored by name. */
public enum CommissioningState {
    /** Installed and left: waiting for the WAN, or a partial install. */
    INSTALLED_NOT_COMMISSIONED,
    COMMISSIONED
}
