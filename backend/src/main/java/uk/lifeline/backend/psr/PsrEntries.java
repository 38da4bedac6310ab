package uk.lifeline.backend.psr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.postgresql.codec.Json;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The {@code psr_entry} table: the one store that writes it. Thread-safe. */
@Repository
public class PsrEntries {

    private final DatabaseClient db;
    private final ObjectMapper json;

    PsrEntries(DatabaseClient db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    public Mono<PsrEntry> find(UUID supplier, UUID customer) {
        return db.sql("SELECT * FROM psr_entry WHERE supplier_id = :s AND customer_account_id = :c")
                .bind("s", supplier)
                .bind("c", customer)
                .map((row, meta) -> new PsrEntry(
                        customer,
                        needs(row.get("needs", Json.class).asString()),
                        Boolean.TRUE.equals(row.get("consent", Boolean.class)),
                        row.get("consent_at", Instant.class),
                        row.get("review_date", LocalDate.class),
                        row.get("nominee", String.class),
                        row.get("note", String.class),
                        row.get("updated_by", UUID.class),
                        row.get("updated_at", Instant.class),
                        row.get("version", Long.class)))
                .one();
    }

    /** Inserts or replaces the entry; the version goes up by one. */
    Mono<Void> save(UUID supplier, PsrEntry e) {
        var spec = db.sql("""
                        INSERT INTO psr_entry (supplier_id, customer_account_id, needs, consent, consent_at,
                            review_date, nominee, note, updated_by, updated_at)
                        VALUES (:s, :c, :needs, :consent, :consentAt, :review, :nominee, :note, :by, :at)
                        ON CONFLICT (supplier_id, customer_account_id) DO UPDATE SET needs = EXCLUDED.needs,
                            consent = EXCLUDED.consent, consent_at = EXCLUDED.consent_at,
                            review_date = EXCLUDED.review_date, nominee = EXCLUDED.nominee, note = EXCLUDED.note,
                            updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at,
                            version = psr_entry.version + 1
                        """)
                .bind("s", supplier)
                .bind("c", e.customerId())
                .bind("needs", Json.of(codes(e.needs())))
                .bind("consent", e.consent())
                .bind("review", e.reviewDate())
                .bind("by", e.updatedBy())
                .bind("at", e.updatedAt());
        spec = e.consentAt() == null
                ? spec.bindNull("consentAt", Instant.class)
                : spec.bind("consentAt", e.consentAt());
        spec = e.nominee() == null ? spec.bindNull("nominee", String.class) : spec.bind("nominee", e.nominee());
        spec = e.note() == null ? spec.bindNull("note", String.class) : spec.bind("note", e.note());
        return spec.fetch().rowsUpdated().then();
    }

    String codes(List<PsrNeed> needs) {
        List<String> codes = new ArrayList<>();
        for (PsrNeed n : needs) {
            codes.add(n.code());
        }
        try {
            return json.writeValueAsString(codes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Need codes as stored; a code this build no longer knows is skipped rather than failing the read. */
    public static List<PsrNeed> needs(String stored) {
        List<PsrNeed> out = new ArrayList<>();
        for (String part : stored.replaceAll("[\\[\\]\" ]", "").split(",")) {
            PsrNeed n = PsrNeed.fromCode(part);
            if (n != null) {
                out.add(n);
            }
        }
        return out;
    }
}
