package uk.lifeline.backend.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;

class AuditChainTest extends BackendTest {

    private Tenant t;

    @BeforeEach
    void tenantWithHistory() {
        t = tenant("audit" + System.nanoTime() % 100000);
        // One code issued then cancelled: two entries, 1 and 2, in the code's chain.
        String agent = t.token("agent");
        String id = issue(agent, t.meter1, "top-up", Map.of("amount", "1.00"))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString();
        post(agent, "/api/v1/codes/" + id + "/cancel", Map.of("reason", "test"))
                .expectStatus()
                .isOk();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> verify() {
        return (Map<String, Object>) get(t.token("ops"), "/api/v1/audit/verify")
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private void asSuperuser(String sql) {
        // Someone with the database's superuser rights, going round the append-only trigger.
        db.sql("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")
                .then()
                .block();
        try {
            db.sql(sql).bind("s", t.supplierId).then().block();
        } finally {
            db.sql("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only")
                    .then()
                    .block();
        }
    }

    @Test
    void theChainOfAnUntouchedLogVerifies() {
        assertThat(verify()).containsEntry("intact", true).containsEntry("entries", 2);
    }

    @Test
    void theLogRefusesUpdatesAndDeletes() {
        assertThatThrownBy(() -> db.sql("UPDATE audit_log SET entry = 'x' WHERE supplier_id = :s")
                        .bind("s", t.supplierId)
                        .then()
                        .block())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.sql("DELETE FROM audit_log WHERE supplier_id = :s")
                        .bind("s", t.supplierId)
                        .then()
                        .block())
                .hasMessageContaining("append-only");
    }

    @Test
    void anEntryChangedBehindTheBackendsBackIsFound() {
        asSuperuser("UPDATE audit_log SET entry = replace(entry, '1.00', '100.00') WHERE supplier_id = :s"
                + " AND seq = 1");
        assertThat(verify())
                .containsEntry("intact", false)
                .containsEntry("firstBrokenSeq", 1)
                .hasEntrySatisfying(
                        "problem", p -> assertThat(p).asString().endsWith("entry 1 was changed after it was written"));
    }

    @Test
    void aDeletedEntryIsFound() {
        asSuperuser("DELETE FROM audit_log WHERE supplier_id = :s AND seq = 1");
        assertThat(verify()).containsEntry("intact", false).containsEntry("firstBrokenSeq", 1);
    }

    @Test
    void aDeletedTailIsFound() {
        asSuperuser("DELETE FROM audit_log WHERE supplier_id = :s AND seq = 2");
        assertThat(verify()).containsEntry("intact", false).containsEntry("firstBrokenSeq", 2);
    }

    @Test
    void aRecomputedEntryStillBreaksTheLinkToTheNextOne() {
        // Rewriting entry 1 with a freshly computed hash hides the change in entry 1, but entry 2 still points
        // at the old hash.
        asSuperuser("UPDATE audit_log SET entry = 'forged', hash = sha256(prev_hash || int8send(seq)"
                + " || convert_to('forged', 'UTF8')) WHERE supplier_id = :s AND seq = 1");
        assertThat(verify()).containsEntry("intact", false).containsEntry("firstBrokenSeq", 2);
    }
}
