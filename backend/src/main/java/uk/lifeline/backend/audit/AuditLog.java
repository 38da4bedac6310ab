package uk.lifeline.backend.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.database.JoinedText;

/**
 * Appends to a supplier's audit chains. One statement moves the chain's head and inserts the entry, so it joins
 * the caller's transaction: the entry is durable exactly when the change it records is. The head row's lock is
 * held only from this statement to the commit, so callers append last. Thread-safe.
 */
@Component
public class AuditLog {

    /** Moves the chain's head; {@link #CHAIN_INSERT} after it writes the entry. */
    private static final String CHAIN_HEAD = """
            head AS (
              UPDATE audit_head
              SET seq = seq + 1, prev_hash = hash,
                  hash = sha256(hash || int8send(seq + 1) || convert_to(:entry, 'UTF8'))
              WHERE supplier_id = :supplier AND chain = :chain
              RETURNING supplier_id, chain, seq, prev_hash, hash)
            """;

    private static final String CHAIN_INSERT = "INSERT INTO audit_log (supplier_id, chain, seq, entry, prev_hash, hash)"
            + " SELECT supplier_id, chain, seq, :entry, prev_hash, hash FROM head";

    /**
     * A batch's entries and its chains' new heads, linked by the caller under the heads' locks ({@link AuditHash}):
     * two common table expressions, {@code audit_rows} and {@code audit_heads}, each returning a row per row written.
     */
    private static final String BATCH_APPEND = """
            audit_rows AS (
              INSERT INTO audit_log (supplier_id, chain, seq, entry, prev_hash, hash)
              SELECT :supplier, u.chain::int, u.seq::bigint, u.entry, decode(u.p, 'hex'), decode(u.h, 'hex')
              FROM unnest(:chains::text[], :seqs::text[], %s, :prevs::text[], :links::text[])
                AS u(chain, seq, entry, p, h)
              RETURNING 1),
            audit_heads AS (
              UPDATE audit_head SET seq = u.seq::bigint, prev_hash = decode(u.p, 'hex'), hash = decode(u.h, 'hex')
              FROM unnest(:headChains::text[], :headFrom::text[], :headSeqs::text[], :headPrevs::text[],
                :headHashes::text[]) AS u(chain, base, seq, p, h)
              WHERE audit_head.supplier_id = :supplier AND audit_head.chain = u.chain::int
                AND audit_head.seq = u.base::bigint
              RETURNING 1)""".formatted(JoinedText.array("entries"));

    /** How many chains each supplier's log has. */
    public static final int CHAINS = 16;

    private static final String APPEND = "WITH " + CHAIN_HEAD + CHAIN_INSERT;

    /**
     * Appends one entry inside another statement, so it is written with the change it records: a common table
     * expression named {@code head} and the insert after it, taking {@code :supplier}, {@code :chain}
     * ({@link #chainOf}) and {@code :entry}; it ends the caller's statement. A method, not a constant, so the
     * statement's text stays in this package, the audit tables' one writer.
     */
    public static String appendInStatement() {
        return CHAIN_HEAD + CHAIN_INSERT;
    }

    /**
     * A batch's entries inside another statement: common table expressions {@code audit_rows} and
     * {@code audit_heads} (no trailing comma), taking {@code :supplier}, the entries' {@code :chains}, {@code :seqs},
     * {@code :entries} (one text, {@link JoinedText#of}), {@code :prevs} (hex), {@code :links} (hex) and the moved
     * heads' {@code :headChains}, {@code :headFrom} (the sequence each was locked at), {@code :headSeqs},
     * {@code :headPrevs}, {@code :headHashes}.
     */
    public static String batchAppendInStatement() {
        return BATCH_APPEND;
    }

    private final DatabaseClient db;
    private final ObjectMapper json;

    public AuditLog(DatabaseClient db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /**
     * Appends one entry.
     *
     * @param actor the user who did it, or null for the system (e.g. expiry)
     * @param action what happened, e.g. {@code code.issued}
     * @param subject what it happened to, e.g. {@code code:<id>}
     */
    public Mono<Void> append(
            UUID supplierId, Instant at, UUID actor, String action, String subject, Map<String, ?> details) {
        String text;
        try {
            text = entry(at, actor, action, subject, details);
        } catch (JsonProcessingException e) {
            return Mono.error(e);
        }
        return db.sql(APPEND)
                .bind("supplier", supplierId)
                .bind("chain", chainOf(subject))
                .bind("entry", text)
                .fetch()
                .rowsUpdated()
                .flatMap(n -> n == 1
                        ? Mono.<Void>empty()
                        : Mono.error(new IllegalStateException("supplier " + supplierId + " has no audit head")));
    }

    /** The chain a subject's entries go to: the same for every entry about one code. */
    public static int chainOf(String subject) {
        return Math.floorMod(subject.hashCode(), CHAINS);
    }

    /** The entry's text, as it is stored and hashed. */
    public String entry(Instant at, UUID actor, String action, String subject, Map<String, ?> details)
            throws JsonProcessingException {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("at", at.toString());
        entry.put("actor", actor == null ? "system" : actor.toString());
        entry.put("action", action);
        entry.put("subject", subject);
        entry.put("details", details);
        return json.writeValueAsString(entry);
    }
}
