package uk.lifeline.backend.audit;

import java.util.Arrays;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import uk.lifeline.backend.database.Rows;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Proves a supplier's audit chain intact: reads every entry in order, recomputes each hash from the previous
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
        Mono<Walk> walk = db.sql("SELECT seq, entry, prev_hash, hash FROM audit_log WHERE supplier_id = :supplier"
                        + " ORDER BY seq")
                .bind("supplier", supplierId)
                .map(row -> new Link(row.get("seq", Long.class), row.get("entry", String.class),
                        Rows.bytes(row.get("prev_hash")), Rows.bytes(row.get("hash"))))
                .all()
                .reduce(new Walk(0, AuditHash.GENESIS, 0, null, null), Walk::next);
        Mono<Link> head = db.sql("SELECT seq, hash FROM audit_head WHERE supplier_id = :supplier")
                .bind("supplier", supplierId)
                .map(row -> new Link(row.get("seq", Long.class), null, null, Rows.bytes(row.get("hash"))))
                .one();
        return Mono.zip(walk, head).map(both -> {
            Walk w = both.getT1();
            Link h = both.getT2();
            if (w.brokenAt() != null) {
                return new ChainReport(false, w.checked(), w.brokenAt(), w.problem());
            }
            if (h.seq() != w.seq() || !Arrays.equals(h.hash(), w.hash())) {
                return new ChainReport(false, w.checked(), w.seq() + 1,
                        "the head is at entry " + h.seq() + " but the log ends at entry " + w.seq());
            }
            return new ChainReport(true, w.checked(), null, null);
        });
    }
}
