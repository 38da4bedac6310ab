package uk.lifeline.backend.audit;

import java.util.Arrays;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.database.Rows;

/**
 * Proves a supplier's audit chains intact: reads every entry of each chain in order, recomputes each hash from the previous
 * one, and checks the head still points at the last entry (so a deleted tail is seen too). Thread-safe.
 */
@Component
public class AuditVerifier {

    private record Link(long seq, String entry, byte[] prevHash, byte[] hash) {}

    /** The walk so far: the last good link, or the first failure. Immutable. */
    private record Walk(long seq, byte[] hash, long checked, Long brokenAt, String problem) {
        Walk next(Link link) {
            if (brokenAt != null) {
                return this;
            }
            if (link.seq() != seq + 1) {
                return fail(seq + 1, "entry " + (seq + 1) + " is missing");
            }
            if (!Arrays.equals(link.prevHash(), hash)) {
                return fail(link.seq(), "entry " + link.seq() + " does not link to entry " + seq);
            }
            if (!Arrays.equals(link.hash(), AuditHash.link(hash, link.seq(), link.entry()))) {
                return fail(link.seq(), "entry " + link.seq() + " was changed after it was written");
            }
            return new Walk(link.seq(), link.hash(), checked + 1, null, null);
        }

        Walk fail(long at, String why) {
            return new Walk(seq, hash, checked, at, why);
        }
    }

    private final DatabaseClient db;

    public AuditVerifier(DatabaseClient db) {
        this.db = db;
    }

    public Mono<ChainReport> verify(UUID supplierId) {
        return Flux.range(0, AuditLog.CHAINS)
                .concatMap(chain -> verify(supplierId, chain))
                .reduce(
                        new ChainReport(true, 0, null, null, null),
                        (total, one) -> total.intact() && !one.intact()
                                ? new ChainReport(
                                        false,
                                        total.entries() + one.entries(),
                                        one.brokenChain(),
                                        one.firstBrokenSeq(),
                                        one.problem())
                                : new ChainReport(
                                        total.intact(),
                                        total.entries() + one.entries(),
                                        total.brokenChain(),
                                        total.firstBrokenSeq(),
                                        total.problem()));
    }

    private Mono<ChainReport> verify(UUID supplierId, int chain) {
        Mono<Walk> walk = db.sql("SELECT seq, entry, prev_hash, hash FROM audit_log WHERE supplier_id = :supplier"
                        + " AND chain = :chain ORDER BY seq")
                .bind("supplier", supplierId)
                .bind("chain", chain)
                .map(row -> new Link(
                        row.get("seq", Long.class),
                        row.get("entry", String.class),
                        Rows.bytes(row.get("prev_hash")),
                        Rows.bytes(row.get("hash"))))
                .all()
                .reduce(new Walk(0, AuditHash.GENESIS, 0, null, null), Walk::next);
        Mono<Link> head = db.sql("SELECT seq, hash FROM audit_head WHERE supplier_id = :supplier AND chain = :chain")
                .bind("supplier", supplierId)
                .bind("chain", chain)
                .map(row -> new Link(row.get("seq", Long.class), null, null, Rows.bytes(row.get("hash"))))
                .one();
        return Mono.zip(walk, head).map(both -> {
            Walk w = both.getT1();
            Link h = both.getT2();
            if (w.brokenAt() != null) {
                return new ChainReport(false, w.checked(), chain, w.brokenAt(), "chain " + chain + ": " + w.problem());
            }
            if (h.seq() != w.seq() || !Arrays.equals(h.hash(), w.hash())) {
                return new ChainReport(
                        false,
                        w.checked(),
                        chain,
                        w.seq() + 1,
                        "chain " + chain + ": the head is at" + " entry " + h.seq() + " but the log ends at entry "
                                + w.seq());
            }
            return new ChainReport(true, w.checked(), null, null, null);
        });
    }
}
