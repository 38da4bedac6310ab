package uk.lifeline.backend.console;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
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
    static Event event(
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

    private final TimelineStore store;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final ObjectProvider<CallLog> calls;

    CustomerTimeline(
            TimelineStore store, AuditLog audit, TransactionalOperator tx, Clock clock, ObjectProvider<CallLog> calls) {
        this.store = store;
        this.calls = calls;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
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
            return store.exists(supplier, customer)
                    .then(store.events(supplier, customer, NEWEST)
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
            return store.exists(caller.supplierId(), customer)
                    .then(store.insertNote(noteId, caller.supplierId(), customer, caller.userId(), text, now))
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
}
