package uk.lifeline.backend.switching;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.audit.CrossSupplierAudit;
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

    private final DatabaseClient db;
    private final CrossSupplierAudit crossAudit;
    private final Ledger ledger;
    private final CodeBlocks blocks;

    LosingSide(DatabaseClient db, CrossSupplierAudit crossAudit, Ledger ledger, CodeBlocks blocks) {
        this.db = db;
        this.crossAudit = crossAudit;
        this.ledger = ledger;
        this.blocks = blocks;
    }

    /** Ends the losing supplier's supply at the premises; completes with the ids of the codes it cancelled. */
    Mono<List<UUID>> end(UUID losing, UUID premises, UUID switchId, Instant now) {
        return stopCampaigns(losing, premises, now)
                .then(cancelCodes(losing, premises, switchId, now))
                .flatMap(codes -> cancelRequests(losing, premises, switchId, now)
                        .then(db.sql("UPDATE premises SET supply_ended_at = :now WHERE supplier_id = :s AND id = :p")
                                .bind("now", now)
                                .bind("s", losing)
                                .bind("p", premises)
                                .fetch()
                                .rowsUpdated())
                        .then(blocks.blockPremises(losing, premises, CodeBlocks.SUPPLY_ENDED))
                        .thenReturn(codes));
    }

    private Mono<Long> stopCampaigns(UUID losing, UUID premises, Instant now) {
        return db.sql("""
                        UPDATE campaign_target t SET state = 'FAILED', done_at = :now,
                          error = 'supply ended: the premises moved to another supplier'
                        FROM device d
                        WHERE d.supplier_id = :s AND d.premises_id = :p AND t.supplier_id = d.supplier_id
                          AND t.device_id = d.id AND t.state IN ('PENDING', 'DCC_PENDING')
                        """)
                .bind("now", now)
                .bind("s", losing)
                .bind("p", premises)
                .fetch()
                .rowsUpdated();
    }

    private Mono<List<UUID>> cancelCodes(UUID losing, UUID premises, UUID switchId, Instant now) {
        return ledger.supersedeAtPremises(losing, premises, REASON, switchId, now);
    }

    private Mono<Void> cancelRequests(UUID losing, UUID premises, UUID switchId, Instant now) {
        return db.sql("""
                        UPDATE install_code_request r SET status = 'CANCELLED', closed_at = :now, closed_reason = :reason
                        FROM device d
                        WHERE d.supplier_id = :s AND d.premises_id = :p AND r.supplier_id = d.supplier_id
                          AND r.device_id = d.id AND r.status = 'OPEN'
                        RETURNING r.id, r.responder_id, r.eui64
                        """)
                .bind("now", now)
                .bind("reason", REASON)
                .bind("s", losing)
                .bind("p", premises)
                .map(row -> new Object[] {
                    row.get("id", UUID.class), row.get("responder_id", UUID.class), row.get("eui64", String.class)
                })
                .all()
                .concatMap(r -> crossAudit.append(
                        losing,
                        (UUID) r[1],
                        now,
                        null,
                        "install-code-request.cancelled",
                        "install-code-request:" + r[0],
                        Map.of("device", r[2], "reason", REASON, "switch", switchId.toString())))
                .then();
    }
}
