package uk.lifeline.backend.campaign;

import java.util.Map;
import java.util.UUID;

/**
 * The integration point for meters that are on the smart-meter WAN: a campaign hands each of them to the DCC as a
 * service request instead of issuing a code (for a notice, the non-disconnect period; for a price change, the
 * new price). A real adapter would submit a DUIS service request through the supplier's DCC User Interface and
 * track the response; {@link LoggingDccAdapter} only logs. Implementations must be idempotent on
 * {@code requestId}: after a crash a request may be handed over again. Thread-safe.
 */
public interface DccAdapter {

    /** One service request. Immutable. */
    record ServiceRequest(
            UUID requestId,
            UUID supplierId,
            String meterEui64,
            String command,
            Map<String, String> parameters,
            UUID campaignId) {}

    void submit(ServiceRequest request);
}
