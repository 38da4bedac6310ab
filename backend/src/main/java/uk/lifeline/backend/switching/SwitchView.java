package uk.lifeline.backend.switching;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import uk.lifeline.backend.tenant.SupplierRef;

/**
 * A change of supplier as one of its two suppliers sees it: its own premises and devices, the account number
 * for the gaining supplier only, the cancelled codes for the losing supplier only. Null members are left out.
 * Immutable.
 */
public record SwitchView(
        UUID id,
        String direction,
        SupplierRef losingSupplier,
        SupplierRef gainingSupplier,
        LocalDate effectiveOn,
        Instant recordedAt,
        Place premises,
        String accountNumber,
        List<Device> devices,
        List<UUID> cancelledCodes) {

    public record Place(String address, String postcode) {}

    /**
     * A device at the premises, with its commissioning state and installer (when Lifeline has a record) and why
     * the viewer's codes for it are blocked.
     */
    public record Device(
            String deviceId,
            String deviceType,
            String mpxn,
            String commissioning,
            String installingSupplier,
            String codesBlocked) {}
}
