package uk.lifeline.backend.risk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.audit.AuditLog;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.meter.Meter;
import uk.lifeline.backend.meter.Meters;
import uk.lifeline.backend.model.MeterModelService;
import uk.lifeline.backend.model.Reported;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;
import uk.lifeline.backend.psr.PsrService;
import uk.lifeline.backend.reach.ReachTasks;
import uk.lifeline.command.ParameterOutOfRangeException;
import uk.lifeline.command.Pence;
import uk.lifeline.forecast.DaysLeft;
import uk.lifeline.forecast.RunOut;

/**
 * What the customer's app asks about their own credit (issue 17 item 5): the run-out window of each of their no-WAN
 * meters (the list's forecast, {@link Signals#runOut}), a balance they read off the display (it becomes the meter's
 * model through the model feature), and a call back when they have no supply (on the call centre's list through
 * reach's {@link ReachTasks}). Only the caller's own meters; another customer's is not found. Thread-safe.
 */
@Service
class CustomerCredit {

    /** How far the app's forecast looks. */
    static final Duration HORIZON = Duration.ofDays(30);

    /** One meter's window for the app; {@code days} null when there is no window (credit mode, past 30 days). */
    record MeterRunOut(
            String meterId,
            String fuel,
            AtRiskEntry.RunOutView runOut,
            DaysLeft days,
            long availablePence,
            Instant modelAsOf,
            String modelSource) {}

    private final RiskStore store;
    private final Meters meters;
    private final MeterModelService models;
    private final ReachTasks tasks;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final DatabaseClient db;
    private final Clock clock;

    CustomerCredit(
            RiskStore store,
            Meters meters,
            MeterModelService models,
            ReachTasks tasks,
            AuditLog audit,
            TransactionalOperator tx,
            DatabaseClient db,
            Clock clock) {
        this.db = db;
        this.store = store;
        this.meters = meters;
        this.models = models;
        this.tasks = tasks;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    Mono<List<MeterRunOut>> runOut(Caller caller) {
        Instant now = now();
        return store.ofCustomer(caller.supplierId(), caller.customerAccountId(), now)
                .map(all -> all.stream().map(f -> view(f, now)).toList());
    }

    /** Records the balance the customer read off the display of their meter, then answers its new window. */
    Mono<MeterRunOut> report(Caller caller, String meterId, String balance) {
        long pence;
        try {
            pence = Pence.fromPounds("balance", balance == null ? "" : balance);
        } catch (ParameterOutOfRangeException e) {
            return Mono.error(ApiException.field(
                    ProblemType.VALIDATION,
                    "balance",
                    "not an amount in pounds",
                    "pounds with at most two decimals, e.g. 12.34 or -1.50"));
        }
        if (Math.abs(pence) > Reported.MOST_PENCE) {
            return Mono.error(ApiException.field(
                    ProblemType.VALIDATION,
                    "balance",
                    "no meter shows that much",
                    "-" + Pence.toPounds(Reported.MOST_PENCE) + " to " + Pence.toPounds(Reported.MOST_PENCE)));
        }
        Instant now = now();
        Reported reading = new Reported(
                pence, null, null, null, null, null, null, null, "the customer read the display in the app");
        return own(caller, meterId)
                .flatMap(meter -> tx.transactional(models.report(
                        caller.supplierId(), meter.id(), meter.eui64().toString(), reading, caller.userId(), now)))
                .then(Mono.defer(() -> store.ofCustomer(caller.supplierId(), caller.customerAccountId(), now)))
                .flatMap(all -> Mono.justOrEmpty(all.stream()
                        .filter(f -> f.meterId().equalsIgnoreCase(meterId))
                        .findFirst()
                        .map(f -> view(f, now))));
    }

    /** The customer has no supply and asks to be called: a call back on the call centre's list, audited. */
    Mono<Void> callBack(Caller caller, String meterId, String note) {
        String text = PsrService.clean("note", note);
        Instant now = now();
        Mono<String> which = meterId == null || meterId.isBlank()
                ? Mono.just("their home")
                : own(caller, meterId).map(m -> "meter " + m.eui64());
        UUID customer = caller.customerAccountId();
        // One open call back per customer: pressing again (or twice at once: the lock) adds nothing.
        return which.flatMap(what -> tx.transactional(db.sql("SELECT pg_advisory_xact_lock(hashtext(:k))")
                .bind("k", "call-back:" + customer)
                .map(r -> 1)
                .all()
                .then(tasks.hasOpen(caller.supplierId(), customer, ReachTasks.Kind.CALL_BACK))
                .flatMap(open -> open
                        ? Mono.<Void>empty()
                        : tasks.add(
                                        caller.supplierId(),
                                        customer,
                                        ReachTasks.Kind.CALL_BACK,
                                        null,
                                        null,
                                        "no supply at " + what + ", asked in the app for a" + " call back"
                                                + (text == null ? "" : ": " + text),
                                        now)
                                .then(audit.append(
                                        caller.supplierId(),
                                        now,
                                        caller.userId(),
                                        "risk.call-back-asked",
                                        "customer:" + customer,
                                        Map.of("meter", meterId == null ? "" : meterId))))));
    }

    private Mono<Meter> own(Caller caller, String meterId) {
        return meters.find(caller.supplierId(), meterId)
                .flatMap(m -> caller.customerAccountId().equals(m.customerAccountId())
                        ? Mono.just(m)
                        : Mono.error(ApiException.notFound("meter", meterId)));
    }

    private static MeterRunOut view(MeterFacts f, Instant now) {
        RunOut runOut = Signals.runOut(f, now, HORIZON);
        return new MeterRunOut(
                f.meterId(),
                f.fuel().code(),
                Signals.view(runOut),
                DaysLeft.of(runOut, now),
                f.state().credit().available(),
                f.state().asOf(),
                f.modelSource());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
