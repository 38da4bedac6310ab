package uk.lifeline.backend.commissioning;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A device's commissioning record as stored: installing supplier, state, why it was left, install date, the
 * sealed install code (null when none is held), and when and by whom it was commissioned. Immutable; the sealed
 * bytes are never shown.
 */
public record Commissioning(
        String eui64,
        UUID installerId,
        CommissioningState state,
        InstallReason reason,
        LocalDate installedOn,
        InstallCodeVault.Sealed sealedCode,
        Instant commissionedAt,
        UUID commissionedBy) {

    public boolean codeHeld() {
        return sealedCode != null;
    }

    public boolean isCommissioned() {
        return state == CommissioningState.COMMISSIONED;
    }
}
