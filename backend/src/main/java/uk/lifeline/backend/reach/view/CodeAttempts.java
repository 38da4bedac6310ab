package uk.lifeline.backend.reach.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.audit.AuditLog;
import uk.lifeline.backend.ledger.CodeRecord;
import uk.lifeline.backend.reach.CallLog;
import uk.lifeline.backend.reach.contact.PhoneNumber;
import uk.lifeline.backend.reach.sms.SmsMessages;

/**
 * Every way one code was tried on the customer: pushes to their phones' apps, the app fetching it or receiving it
 * on its live stream, texts with their states, calls (through {@link CallLog}, when voice calls are built in), the
 * escalation ladder's steps with their outcomes, and a confirmation of entry on any channel. Read-only;
 * numbers appear only as their last three digits. Thread-safe.
 */
@Component
class CodeAttempts {

    /**
     * One attempt. {@code channel} APP, SMS, VOICE or LADDER; {@code what} pushed, fetched, streamed, text,
     * reply, call, call-in, a ladder step (text, voice, call-centre) or confirmed-entered.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Attempt(String channel, String what, String state, Instant at, String detail) {}

    /** A code's status and its attempts, oldest first. */
    record Attempts(UUID codeId, String status, boolean voiceCalls, List<Attempt> attempts) {}

    private final DatabaseClient db;
    private final SmsMessages texts;
    private final ObjectProvider<CallLog> calls;
    private final ObjectMapper json;

    CodeAttempts(DatabaseClient db, SmsMessages texts, ObjectProvider<CallLog> calls, ObjectMapper json) {
        this.db = db;
        this.texts = texts;
        this.calls = calls;
        this.json = json;
    }

    /** The code's attempts, or empty when the supplier has no such code. */
    Mono<Attempts> of(UUID supplier, UUID code) {
        CallLog log = calls.getIfAvailable();
        return db.sql("SELECT status FROM code WHERE supplier_id = :s AND id = :c")
                .bind("s", supplier)
                .bind("c", code)
                .map(r -> r.get(0, String.class))
                .one()
                .flatMap(status -> Flux.concat(
                                pushes(supplier, code),
                                ledger(supplier, code),
                                texts(supplier, code),
                                log == null ? Flux.<Attempt>empty() : calls(log, supplier, code),
                                steps(supplier, code))
                        .collectList()
                        .map(all -> {
                            List<Attempt> sorted = new ArrayList<>(all);
                            sorted.sort(
                                    Comparator.comparing(Attempt::at, Comparator.nullsLast(Comparator.naturalOrder())));
                            return new Attempts(code, status, log != null, List.copyOf(sorted));
                        }));
    }

    private Flux<Attempt> pushes(UUID supplier, UUID code) {
        return db.sql("""
                        SELECT d.state, d.attempts, coalesce(d.sent_at, d.created_at) AS at, d.last_error
                        FROM outbox_message m JOIN push_delivery d ON d.message_id = m.id
                        WHERE m.supplier_id = :s AND m.subject_id = :c AND m.kind = 'code' ORDER BY d.id
                        """)
                .bind("s", supplier)
                .bind("c", code)
                .map(r -> new Attempt(
                        "APP",
                        "pushed",
                        r.get("state", String.class),
                        r.get("at", Instant.class),
                        plural(r.get("attempts", Integer.class), "attempt")
                                + (r.get("last_error", String.class) == null
                                        ? ""
                                        : "; " + r.get("last_error", String.class))))
                .all();
    }

    /** The ledger's audited moves that say the customer got or typed the code: delivered to the app, entered. */
    private Flux<Attempt> ledger(UUID supplier, UUID code) {
        String subject = CodeRecord.auditSubject(code);
        return db.sql("""
                        SELECT entry FROM audit_log WHERE supplier_id = :s AND chain = :chain
                          AND entry::jsonb ->> 'subject' = :subject
                          AND entry::jsonb ->> 'action' IN ('code.delivered', 'code.entered')
                        ORDER BY seq
                        """)
                .bind("s", supplier)
                .bind("chain", AuditLog.chainOf(subject))
                .bind("subject", subject)
                .map(r -> r.get(0, String.class))
                .all()
                .map(this::fromAudit);
    }

    private Attempt fromAudit(String entry) {
        JsonNode e;
        try {
            e = json.readTree(entry);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
        Instant at = Instant.parse(e.path("at").asText());
        String channel = e.path("details").path("channel").asText("");
        if ("code.delivered".equals(e.path("action").asText())) {
            return new Attempt(
                    "APP", "stream".equals(channel) ? "streamed" : "fetched", "DELIVERED", at, "the app has the code");
        }
        return new Attempt(
                channel.isEmpty() ? "APP" : channel,
                "confirmed-entered",
                "ENTERED",
                at,
                "the customer said it was typed");
    }

    private Flux<Attempt> texts(UUID supplier, UUID code) {
        return texts.forCode(supplier, code)
                .map(t -> new Attempt(
                        "SMS",
                        "IN".equals(t.direction()) ? "reply" : "text",
                        t.state(),
                        t.at(),
                        ("IN".equals(t.direction()) ? "from " : "to ")
                                + new PhoneNumber(t.phone()).tail()
                                + (t.lastError() == null || t.lastError().isEmpty() ? "" : "; " + t.lastError())));
    }

    private static Flux<Attempt> calls(CallLog log, UUID supplier, UUID code) {
        return log.forCode(supplier, code)
                .map(c -> new Attempt(
                        "VOICE",
                        "IN".equals(c.direction()) ? "call-in" : "call",
                        c.state(),
                        c.at(),
                        ("IN".equals(c.direction()) ? "from " : "to ") + new PhoneNumber(c.phone()).tail()));
    }

    private Flux<Attempt> steps(UUID supplier, UUID code) {
        return db.sql("SELECT step, state, outcome, coalesce(done_at, due_at) AS at FROM reach_step"
                        + " WHERE supplier_id = :s AND code_id = :c ORDER BY due_at")
                .bind("s", supplier)
                .bind("c", code)
                .map(r -> new Attempt(
                        "LADDER",
                        r.get("step", String.class)
                                .toLowerCase(java.util.Locale.ROOT)
                                .replace('_', '-'),
                        r.get("state", String.class),
                        r.get("at", Instant.class),
                        r.get("outcome", String.class) == null ? "due" : r.get("outcome", String.class)))
                .all();
    }

    private static String plural(Integer n, String word) {
        int v = n == null ? 0 : n;
        return v + " " + word + (v == 1 ? "" : "s");
    }
}
