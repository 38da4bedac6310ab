package uk.lifeline.backend.switching;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.audit.CrossSupplierAudit;
import uk.lifeline.backend.campaign.CampaignStore;
import uk.lifeline.backend.commissioning.PremisesRegister;
import uk.lifeline.backend.installcode.Requests;
import uk.lifeline.backend.ledger.CodeBlocks;
import uk.lifeline.backend.ledger.Ledger;

/**
 * What a change of supplier does to the losing supplier, in the switch's transaction: its campaign work for the
 * premises' meters stops, its codes that may still be typed in (PENDING_APPROVAL, ISSUED, DELIVERED) are
 * cancelled (each audited in its own chain, and its customer's app told), its open install-code requests for
 * those devices are cancelled, and its supply there ends with its meters' codes blocked. Its rows stay, for its
 * history. Campaign targets first, then codes, then counters: the order a campaign page locks them in, so the
 * two wait for each other rather than deadlock. Thread-safe; joins the caller's transaction.
 */
@Component
class LosingSide {

    static final String REASON = "change of supplier";

    private final CampaignStore campaigns;
    private final Requests requests;
    private final PremisesRegister register;
    private final CrossSupplierAudit crossAudit;
    private final Ledger ledger;
    private final CodeBlocks blocks;

    LosingSide(
            CampaignStore campaigns,
            Requests requests,
            PremisesRegister register,
            CrossSupplierAudit crossAudit,
            Ledger ledger,
            CodeBlocks blocks) {
        this.campaigns = campaigns;
        this.requests = requests;
        this.register = register;
        this.crossAudit = crossAudit;
        this.ledger = ledger;
        this.blocks = blocks;
    }

    /** Ends the losing supplier's supply at the premises; completes with the ids of the codes it cancelled. */
    Mono<List<UUID>> end(UUID losing, UUID premises, UUID switchId, Instant now) {
        return campaigns
                .stopAtPremises(losing, premises, now)
                .then(cancelCodes(losing, premises, switchId, now))
                .flatMap(codes -> cancelRequests(losing, premises, switchId, now)
                        .then(register.endSupply(losing, premises, now))
                        .then(blocks.blockPremises(losing, premises, CodeBlocks.SUPPLY_ENDED))
                        .thenReturn(codes));
    }

    private Mono<List<UUID>> cancelCodes(UUID losing, UUID premises, UUID switchId, Instant now) {
        return ledger.supersedeAtPremises(losing, premises, REASON, switchId, now);
    }

    private Mono<Void> cancelRequests(UUID losing, UUID premises, UUID switchId, Instant now) {
        return requests.cancelOpenAtPremises(losing, premises, REASON, now)
                .concatMap(r -> crossAudit.append(
                        losing,
                        r.responderId(),
                        now,
                        null,
                        "install-code-request.cancelled",
                        "install-code-request:" + r.id(),
                        Map.of("device", r.eui64(), "reason", REASON, "switch", switchId.toString())))
                .then();
    }
}
