package uk.lifeline.backend.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import uk.lifeline.backend.ledger.CodeView;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;

/** Free text an agent types reaches the code, its stored answer and its audit entry exactly as typed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IssuedTextTest extends BackendTest {

    private Tenant t;

    @BeforeAll
    void tenant() {
        t = tenant("bright");
    }

    @Test
    void aReasonWithQuotesBackslashesAndWelshLettersIsKeptExactlyInTheCodeItsAnswerAndItsAuditEntry() {
        // A batch travels to PostgreSQL as text arrays the driver escapes, and the answer as JSON: quotes,
        // backslashes, Welsh letters, a line separator and an emoji must come back exactly as typed.
        String reason = "Mrs \"Jones\" \\ Tŷ Gwyn, Llanelli: £5 ‘emergency’ \u2028 ✓ 💡 {\"a\":[1]}";
        CodeView code = issue(
                        t.token("agent"),
                        t.meter1,
                        UUID.randomUUID().toString(),
                        "top-up",
                        Map.of("amount", "1.00"),
                        reason)
                .expectStatus()
                .isCreated()
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();
        assertThat(code.reason()).isEqualTo(reason);
        assertThat(text("SELECT reason AS t FROM code WHERE id = :v", code.id()))
                .isEqualTo(reason);
        // The stored answer, which a retry with the same Idempotency-Key gets back.
        assertThat(text(
                        "SELECT response_body::jsonb ->> 'reason' AS t FROM idempotency_record"
                                + " WHERE response_body::jsonb ->> 'id' = :v",
                        code.id().toString()))
                .isEqualTo(reason);
        assertThat(text(
                        "SELECT entry::jsonb -> 'details' ->> 'reason' AS t FROM audit_log"
                                + " WHERE entry::jsonb ->> 'subject' = :v",
                        "code:" + code.id()))
                .isEqualTo(reason);
    }

    /** The one text value {@code t} that {@code sql} reads for the value bound as {@code :v}. */
    private String text(String sql, Object value) {
        return db.sql(sql)
                .bind("v", value)
                .map(r -> r.get("t", String.class))
                .one()
                .block();
    }
}
