package uk.lifeline.backend.campaign;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The stand-in DCC adapter: logs each service request it would submit. Stateless. */
public final class LoggingDccAdapter implements DccAdapter {

    private static final Logger log = LoggerFactory.getLogger(LoggingDccAdapter.class);

    @Override
    public void submit(ServiceRequest request) {
        log.info(
                "DCC service request {} for WAN meter {}: {} {} (campaign {}): logged only, no DCC adapter is"
                        + " configured",
                request.requestId(),
                request.meterEui64(),
                request.command(),
                request.parameters(),
                request.campaignId());
    }
}
