package uk.lifeline.backend.meter;

import java.util.UUID;
import uk.lifeline.code.Eui64;

/**
 * A device as code issuing needs it: ids, type, WAN state, its key-agreement public key (PEM) and the customer
 * account it belongs to. Immutable.
 */
public record Meter(
        UUID id,
        UUID supplierId,
        Eui64 eui64,
        DeviceType type,
        WanState wanState,
        String publicKeyPem,
        UUID customerAccountId) {}
