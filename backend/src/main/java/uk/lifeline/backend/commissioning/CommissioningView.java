package uk.lifeline.backend.commissioning;

import java.time.Instant;
import java.time.LocalDate;
import uk.lifeline.backend.tenant.SupplierRef;

/**
 * A device's commissioning record as one supplier sees it: never the install code, only whether one is held and
 * whether it was released to the caller. Null members are left out of the JSON. Immutable.
 *
 * @param yourSupply the caller's own registration of the device, null when it has none (the installer after
 *     losing the premises keeps its rows, so this is null only for a supplier that never supplied it)
 */
public record CommissioningView(
        String deviceId,
        String deviceType,
        CommissioningState state,
        InstallReason reason,
        LocalDate installedOn,
        Long ageDays,
        SupplierRef installingSupplier,
        boolean installedByYou,
        boolean installCodeHeld,
        boolean installCodeReleasedToYou,
        Instant commissionedAt,
        SupplierRef commissionedBy,
        SupplyView yourSupply) {

    /**
     * A supplier's registration of the device: {@code CURRENT} or {@code ENDED}, and why codes are blocked
     * ({@code SUPPLY_ENDED}, {@code AWAITING_CREDENTIALS}) or null when they are not.
     */
    public record SupplyView(String deviceId, String status, String codesBlocked) {

        static SupplyView of(Registration r) {
            return new SupplyView(r.eui64(), r.isCurrent() ? "CURRENT" : "ENDED", r.codesBlocked());
        }
    }
}
