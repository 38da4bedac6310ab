package uk.lifeline.backend.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.MediaType;
import uk.lifeline.backend.ledger.CodeView;
import uk.lifeline.backend.problem.IdempotencyKeys;
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
        String agent = t.token("agent");
        CodeView code = http.post()
                .uri("/api/v1/meters/{meter}/codes", t.meter1)
                .headers(h -> h.setBearerAuth(agent))
                .header(IdempotencyKeys.HEADER, UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("command", "top-up", "parameters", Map.of("amount", "1.00"), "reason", reason))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();
        assertThat(db.sql("SELECT reason FROM code WHERE id = :id")
                        .bind("id", code.id())
                        .map(r -> r.get("reason", String.class))
                        .one()
                        .block())
                .isEqualTo(reason);
        assertThat(code.reason()).isEqualTo(reason);
        // The stored answer, which a retry with the same Idempotency-Key gets back.
        assertThat(db.sql("SELECT response_body::jsonb ->> 'reason' AS reason FROM idempotency_record"
                                + " WHERE response_body::jsonb ->> 'id' = :id")
                        .bind("id", code.id().toString())
                        .map(r -> r.get("reason", String.class))
                        .one()
                        .block())
                .isEqualTo(reason);
        assertThat(db.sql("SELECT entry::jsonb -> 'details' ->> 'reason' AS reason FROM audit_log"
                                + " WHERE entry::jsonb ->> 'subject' = :subject")
                        .bind("subject", "code:" + code.id())
                        .map(r -> r.get("reason", String.class))
                        .one()
                        .block())
                .isEqualTo(reason);
    }
}
