package uk.lifeline.backend.console;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.audit.AuditLog;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.ledger.CodeView;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.reach.CallLog;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.command.Parameters;
import uk.lifeline.words.Language;

/**
 * A customer's timeline for the agent on the phone (issue 16): codes issued (by whom, why), results reported,
 * notices sent, and agents' notes, newest first; and adding a note (audited). Only the caller's supplier's
 * customers; another supplier's is not found.
 */
@RestController
class CustomerTimeline {

    static final int NEWEST = 50;

    /** One event. {@code command} and {@code parameters} for code events, for the console to say in words. */
    record Event(
            String kind,
            Instant at,
            String by,
            String command,
            Map<String, String> parameters,
            String description,
            String status,
            String text,
            UUID codeId) {}

    record Events(List<Event> items, int limit) {}

    /** A code's events say what it does in the shared plain words, as its views do. */
    private static Event event(
            String kind,
            Instant at,
            String by,
            String command,
            Map<String, String> parameters,
            String status,
            String text,
            UUID codeId) {
        String description = command == null
                ? null
                : CodeView.describe(MeterCommand.parse(command, Parameters.of(parameters)), at, Language.ENGLISH);
        return new Event(kind, at, by, command, parameters, description, status, text, codeId);
    }

    record NoteRequest(@NotBlank @Size(max = 1000) String text) {}

    private static final String SQL = """
            SELECT * FROM (
              SELECT 'code' AS kind, c.issued_at AS at, u.display_name AS by, c.command, c.parameters::text AS parameters,
                c.status, c.reason AS text, c.id AS code_id
              FROM code c LEFT JOIN app_user u ON u.id = c.issued_by
              WHERE c.supplier_id = :s AND c.customer_account_id = :c
              UNION ALL
              SELECT 'result', r.reported_at, u.display_name, c.command, c.parameters::text, r.outcome, r.reason, c.id
              FROM code_result r JOIN code c ON c.id = r.code_id AND c.supplier_id = :s
              LEFT JOIN app_user u ON u.id = r.reported_by
              WHERE r.supplier_id = :s AND c.customer_account_id = :c
              UNION ALL
              SELECT 'notice', cn.created_at, NULL, NULL, NULL, NULL, n.title || ': ' || n.message, NULL
              FROM customer_notice cn JOIN notice n ON n.id = cn.notice_id AND n.supplier_id = :s
              WHERE cn.supplier_id = :s AND cn.customer_account_id = :c
              UNION ALL
              SELECT 'note', x.created_at, u.display_name, NULL, NULL, NULL, x.text, NULL
              FROM customer_note x LEFT JOIN app_user u ON u.id = x.author_id
              WHERE x.supplier_id = :s AND x.customer_account_id = :c
              UNION ALL
              -- A text that carries a code is named, not quoted: a cancelled code's digits are never shown.
              SELECT CASE WHEN m.direction = 'OUT' THEN 'text-sent' ELSE 'text-received' END, m.created_at, NULL,
                NULL, NULL, m.state,
                CASE WHEN m.direction = 'IN' THEN 'From the number ending ' || right(m.phone, 4) || ': ' || m.body
                     WHEN m.code_id IS NOT NULL THEN 'The code, to the number ending ' || right(m.phone, 4)
                     ELSE 'To the number ending ' || right(m.phone, 4) || ': ' || m.body END, m.code_id
              FROM sms_message m WHERE m.supplier_id = :s AND m.customer_account_id = :c
              UNION ALL
              SELECT CASE WHEN r.kind = 'CONTACT' THEN 'contact' ELSE 'no-supply' END, r.at, u.display_name, NULL,
                NULL, r.outcome, concat_ws(': ', lower(replace(r.action, '_', ' ')), r.note), r.code_id
              FROM risk_event r LEFT JOIN app_user u ON u.id = r.by_user
              WHERE r.supplier_id = :s AND r.customer_account_id = :c
              UNION ALL
              SELECT CASE WHEN t.kind = 'CALL_BACK' THEN 'call-back' ELSE 'unreached' END, t.created_at, NULL, NULL,
                NULL, CASE WHEN t.closed_at IS NULL THEN 'OPEN' ELSE 'CLOSED' END, t.detail, t.code_id
              FROM reach_task t WHERE t.supplier_id = :s AND t.customer_account_id = :c
            ) e ORDER BY at DESC LIMIT :n
            """;

    private final DatabaseClient db;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final com.fasterxml.jackson.databind.ObjectMapper json;
    private final ObjectProvider<CallLog> calls;

    CustomerTimeline(
            DatabaseClient db,
            AuditLog audit,
            TransactionalOperator tx,
            Clock clock,
            com.fasterxml.jackson.databind.ObjectMapper json,
            ObjectProvider<CallLog> calls) {
        this.db = db;
        this.calls = calls;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.json = json;
    }

    @GetMapping("/api/v1/console/customers/{id}/timeline")
    Mono<Events> timeline(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return Mono.defer(() -> {
            UUID supplier = Caller.of(jwt).supplierId();
            UUID customer = ApiException.uuidOrNotFound("customer", id);
            CallLog log = calls.getIfAvailable();
            Flux<Event> voice = log == null
                    ? Flux.empty()
                    : log.forCustomer(supplier, customer, NEWEST)
                            .map(c -> new Event(
                                    "call",
                                    c.at(),
                                    null,
                                    null,
                                    null,
                                    null,
                                    c.state(),
                                    ("IN".equals(c.direction()) ? "From the number ending " : "To the number ending ")
                                            + c.phone()
                                                    .substring(Math.max(
                                                            0, c.phone().length() - 4)),
                                    c.codeId()));
            return exists(supplier, customer)
                    .then(db.sql(SQL)
                            .bind("s", supplier)
                            .bind("c", customer)
                            .bind("n", NEWEST)
                            .map(r -> event(
                                    r.get("kind", String.class),
                                    r.get("at", OffsetDateTime.class).toInstant(),
                                    r.get("by", String.class),
                                    r.get("command", String.class),
                                    parameters(r.get("parameters", String.class)),
                                    r.get("status", String.class),
                                    r.get("text", String.class),
                                    r.get("code_id", UUID.class)))
                            .all()
                            .mergeWith(voice)
                            .sort(Comparator.comparing(Event::at).reversed())
                            .take(NEWEST)
                            .collectList()
                            .map(items -> new Events(items, NEWEST)));
        });
    }

    @PostMapping("/api/v1/console/customers/{id}/notes")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Event> note(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @Valid @RequestBody NoteRequest note) {
        return Mono.defer(() -> {
            Caller caller = Caller.of(jwt);
            UUID customer = ApiException.uuidOrNotFound("customer", id);
            String text = note.text().strip(); // control characters never get here: input.TextRule refuses them
            Instant now = clock.instant();
            UUID noteId = UUID.randomUUID();
            return exists(caller.supplierId(), customer)
                    .then(db.sql("INSERT INTO customer_note (id, supplier_id, customer_account_id, author_id, text,"
                                    + " created_at) VALUES (:id, :s, :c, :a, :t, :now)")
                            .bind("id", noteId)
                            .bind("s", caller.supplierId())
                            .bind("c", customer)
                            .bind("a", caller.userId())
                            .bind("t", text)
                            .bind("now", now)
                            .fetch()
                            .rowsUpdated())
                    .then(audit.append(
                            caller.supplierId(),
                            now,
                            caller.userId(),
                            "customer.note-added",
                            "customer:" + customer,
                            Map.of("note", noteId.toString())))
                    .as(tx::transactional)
                    .thenReturn(new Event("note", now, null, null, null, null, null, text, null));
        });
    }

    private Mono<Void> exists(UUID supplier, UUID customer) {
        return db.sql("SELECT 1 FROM customer_account WHERE supplier_id = :s AND id = :c")
                .bind("s", supplier)
                .bind("c", customer)
                .map(r -> 1)
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("customer", customer.toString())))
                .then();
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> parameters(String text) {
        try {
            return text == null ? null : json.readValue(text, Map.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a code's stored parameters are not JSON", e);
        }
    }
}
