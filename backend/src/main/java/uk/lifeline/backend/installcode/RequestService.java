package uk.lifeline.backend.installcode;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.audit.CrossSupplierAudit;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.commissioning.InstallCodes;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;

/**
 * Install-code requests (SEC MP121): raising one or a file of them, the answer, withdrawing and escalating. Each
 * is one transaction with its audit entries in both suppliers' chains. A supplier reaches only the requests it
 * raised or must answer; any other is not found. Thread-safe.
 */
@Service
class RequestService {

    /** What a bulk upload made and refused. Immutable. */
    record BulkResult(UUID batchId, List<Created> created, List<RowRefusal> rejected) {}

    record Created(int row, RequestView request) {}

    /** A row that cannot be requested: its number (data rows from 1), code and why. Immutable. */
    record RowRefusal(int row, String code, String message) {}

    private final Targets targets;
    private final Requests requests;
    private final RequestViews views;
    private final DueDates due;
    private final InstallCodes codes;
    private final CrossSupplierAudit audit;
    private final TransactionalOperator tx;
    private final Clock clock;

    RequestService(
            Targets targets,
            Requests requests,
            RequestViews views,
            DueDates due,
            InstallCodes codes,
            CrossSupplierAudit audit,
            TransactionalOperator tx,
            Clock clock) {
        this.targets = targets;
        this.requests = requests;
        this.views = views;
        this.due = due;
        this.codes = codes;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    Mono<RequestView> raise(Caller caller, Wanted wanted) {
        return tx.transactional(
                        targets.resolve(caller.supplierId(), List.of(wanted)).flatMap(found -> {
                            Target t = found.get(0);
                            if (!t.ok()) {
                                return Mono.error(
                                        t.problem() == RowProblem.UNKNOWN_DEVICE
                                                ? ApiException.notFound(
                                                        "device", t.eui() != null ? t.eui() : wanted.mpxn())
                                                : new ApiException(t.problem().single(), t.message()));
                            }
                            return create(caller, null, List.of(t))
                                    .flatMap(ids -> requests.find(caller.supplierId(), ids.get(0), false));
                        }))
                .flatMap(row -> views.of(caller.supplierId(), row));
    }

    /**
     * Raises a request per good row. With {@code keepValid} false, any bad row (or none good) creates nothing:
     * {@code bulk-upload-rejected} lists them all. With it true, the good rows are created and the bad reported.
     */
    Mono<BulkResult> bulk(Caller caller, List<Wanted> wanted, List<RowRefusal> malformed, boolean keepValid) {
        return tx.transactional(targets.resolve(caller.supplierId(), wanted).flatMap(found -> {
            List<RowRefusal> refused = new ArrayList<>(malformed);
            List<Target> good = new ArrayList<>();
            for (Target t : found) {
                if (t.ok()) {
                    good.add(t);
                } else {
                    refused.add(new RowRefusal(t.wanted().row(), t.problem().code(), t.message()));
                }
            }
            refused.sort((a, b) -> Integer.compare(a.row(), b.row()));
            if (good.isEmpty() || !refused.isEmpty() && !keepValid) {
                return Mono.error(rejected(refused, good.size()));
            }
            UUID batch = UUID.randomUUID();
            return create(caller, batch, good)
                    .flatMapMany(ids -> Flux.range(0, ids.size()).concatMap(i -> requests.find(
                                    caller.supplierId(), ids.get(i), false)
                            .flatMap(row -> views.of(caller.supplierId(), row))
                            .map(view -> new Created(good.get(i).wanted().row(), view))))
                    .collectList()
                    .map(created -> new BulkResult(batch, created, refused));
        }));
    }

    private Mono<List<UUID>> create(Caller caller, UUID batch, List<Target> good) {
        Instant now = now();
        LocalDate on = DueDates.dateOf(now);
        LocalDate dueOn = due.dueOn(on);
        List<UUID> ids = good.stream().map(t -> UUID.randomUUID()).toList();
        Map<UUID, List<Map<String, String>>> byResponder = new LinkedHashMap<>();
        for (int i = 0; i < good.size(); i++) {
            byResponder
                    .computeIfAbsent(good.get(i).responder(), r -> new ArrayList<>())
                    .add(Map.of(
                            "request",
                            ids.get(i).toString(),
                            "device",
                            good.get(i).eui()));
        }
        // One entry per responder (in both chains): a single request's, or a file's requests to that supplier.
        Mono<Void> audited = Flux.fromIterable(byResponder.entrySet())
                .concatMap(e -> {
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("responder", e.getKey().toString());
                    details.put("dueOn", dueOn.toString());
                    details.put("requests", e.getValue());
                    String subject =
                            batch == null ? "install-code-request:" + ids.get(0) : "install-code-batch:" + batch;
                    return audit.append(
                            caller.supplierId(),
                            e.getKey(),
                            now,
                            caller.userId(),
                            "install-code-request.raised",
                            subject,
                            details);
                })
                .then();
        return requests.insert(caller.supplierId(), batch, good, ids, caller.userId(), now, on, dueOn)
                .then(audited)
                .thenReturn(ids);
    }

    /** The answer of the supplier that must answer: release the code (held, or given now), or not the installer. */
    Mono<RequestView> answer(Caller caller, UUID id, RequestStatus outcome, String installCode, String note) {
        Instant now = now();
        return tx.transactional(locked(caller, id).flatMap(r -> {
                    if (r.requesterId().equals(caller.supplierId())) {
                        return Mono.error(notYours("answer it: the supplier you asked does"));
                    }
                    open(r);
                    Mono<Void> release = outcome == RequestStatus.RELEASED
                            ? codes.release(caller, r.eui64(), r.requesterId(), r.id(), installCode, now)
                            : Mono.empty();
                    LocalDate on = DueDates.dateOf(now);
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("device", r.eui64());
                    details.put("outcome", outcome.name());
                    details.put("inTime", !on.isAfter(r.dueOn()));
                    return release.then(requests.answer(r.id(), outcome, caller.userId(), now, on, note))
                            .then(audit.append(
                                    caller.supplierId(),
                                    r.requesterId(),
                                    now,
                                    caller.userId(),
                                    "install-code-request.answered",
                                    "install-code-request:" + r.id(),
                                    details))
                            .then(requests.find(caller.supplierId(), id, false));
                }))
                .flatMap(row -> views.of(caller.supplierId(), row));
    }

    Mono<RequestView> withdraw(Caller caller, UUID id, String reason) {
        Instant now = now();
        return tx.transactional(locked(caller, id).flatMap(r -> {
                    requester(caller, r, "withdraw");
                    open(r);
                    return requests.close(r.id(), RequestStatus.WITHDRAWN, now, reason)
                            .then(audit.append(
                                    caller.supplierId(),
                                    r.responderId(),
                                    now,
                                    caller.userId(),
                                    "install-code-request.withdrawn",
                                    "install-code-request:" + r.id(),
                                    Map.of("device", r.eui64(), "reason", reason)))
                            .then(requests.find(caller.supplierId(), id, false));
                }))
                .flatMap(row -> views.of(caller.supplierId(), row));
    }

    Mono<RequestView> escalate(Caller caller, UUID id, String note) {
        Instant now = now();
        return tx.transactional(locked(caller, id).flatMap(r -> {
                    requester(caller, r, "escalate");
                    open(r);
                    if (!r.overdue(due.today())) {
                        return Mono.error(new ApiException(
                                ProblemType.NOT_OVERDUE,
                                "request " + id + " is due on " + r.dueOn()
                                        + "; it can be escalated from the next day"));
                    }
                    return requests.escalate(r.id(), caller.userId(), now, note)
                            .then(audit.append(
                                    caller.supplierId(),
                                    r.responderId(),
                                    now,
                                    caller.userId(),
                                    "install-code-request.escalated",
                                    "install-code-request:" + r.id(),
                                    Map.of(
                                            "device",
                                            r.eui64(),
                                            "dueOn",
                                            r.dueOn().toString(),
                                            "note",
                                            note)))
                            .then(requests.find(caller.supplierId(), id, false));
                }))
                .flatMap(row -> views.of(caller.supplierId(), row));
    }

    private Mono<RequestRow> locked(Caller caller, UUID id) {
        return requests.find(caller.supplierId(), id, true)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("install-code request", id)));
    }

    private static void open(RequestRow r) {
        if (r.status() != RequestStatus.OPEN) {
            throw new ApiException(ProblemType.ALREADY_ANSWERED, "request " + r.id() + " is " + r.status());
        }
    }

    private static void requester(Caller caller, RequestRow r, String verb) {
        if (!r.requesterId().equals(caller.supplierId())) {
            throw notYours(verb + " it: only the supplier that raised it can");
        }
    }

    private static ApiException notYours(String what) {
        return new ApiException(ProblemType.NOT_YOUR_REQUEST, "you cannot " + what);
    }

    private static ApiException rejected(List<RowRefusal> refused, int valid) {
        String detail = refused.size() + " row" + (refused.size() == 1 ? "" : "s") + " cannot be requested"
                + (valid == 0
                        ? " and no row can; nothing was created"
                        : "; send the file again with keepValidRows=true to request the other " + valid);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("validRows", valid);
        properties.put("rows", refused);
        return new ApiException(ProblemType.BULK_UPLOAD_REJECTED, detail, List.of(), properties);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
