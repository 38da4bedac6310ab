package uk.lifeline.backend.commissioning;

import java.time.Instant;
import java.util.UUID;
import uk.lifeline.backend.meter.DeviceType;

/**
 * One supplier's registration of a device: its own device row, the premises and supply point it sits at, the
 * customer, whether the supply there has ended (lost to another supplier) and why codes are blocked, if they
 * are. Immutable.
 *
 * @param codesBlocked null, {@code SUPPLY_ENDED} or {@code AWAITING_CREDENTIALS}; always null for a PPMID or hub
 */
public record Registration(
        UUID deviceId,
        UUID supplierId,
        String eui64,
        DeviceType type,
        String wanState,
        UUID premisesId,
        String postcode,
        UUID customerAccountId,
        String mpxn,
        Instant supplyEndedAt,
        String codesBlocked) {

    public boolean isCurrent() {
        return supplyEndedAt == null;
    }
}
