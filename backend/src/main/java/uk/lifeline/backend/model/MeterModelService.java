package uk.lifeline.backend.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.audit.AuditLog;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.FieldProblem;
import uk.lifeline.backend.problem.ProblemType;
import uk.lifeline.command.CommandType;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.command.Parameters;
import uk.lifeline.forecast.Observation;
import uk.lifeline.prepay.MeterEngine;
import uk.lifeline.prepay.MeterState;
import uk.lifeline.prepay.Outcome;
import uk.lifeline.prepay.TimelineEntry;

/**
 * The backend's model of each meter's prepayment state, run through the shared tariff engine: what a code would
 * do (previews), whether the meter would refuse it (issuing refuses such codes), and what a code the meter
 * accepted did (applied to the model in the result's transaction, with an audit entry). A meter without a model
 * is never refused on the model's account. Thread-safe.
 */
@Service
public class MeterModelService {

    private static final Logger log = LoggerFactory.getLogger(MeterModelService.class);

    private final MeterModels models;
    private final AuditLog audit;

    public MeterModelService(MeterModels models, AuditLog audit) {
        this.models = models;
        this.audit = audit;
    }

    /** What {@code command} would do to the meter's modelled state at {@code now}; nothing is written. */
    public Mono<ModelEffect> preview(UUID supplier, UUID device, MeterCommand command, Instant now) {
        return models.find(supplier, device)
                .map(model -> effect(model, command, now))
                .defaultIfEmpty(ModelEffect.notComputed(
                        "the backend holds no modelled state for this meter, so the effect on balance, debt and"
                                + " supply cannot be worked out; report the meter's state"
                                + " (PUT /api/v1/meters/{meterId}/model) to have one"));
    }

    /**
     * Completes empty when the meter has no model ({@code stateJson} null) or the model says it would take the
     * code; otherwise fails with {@link ProblemType#METER_WOULD_REFUSE}, naming the engine's reason. Reads
     * nothing: issuing reads the model in the statement that takes the counter ({@link MeterModels#STATE_OF_COUNTER}).
     */
    public Mono<Void> check(String meterId, MeterCommand command, Instant now, String stateJson, String source) {
        if (stateJson == null) {
            return Mono.empty();
        }
        MeterModel model = new MeterModel(
                null, null, MeterStateJson.read(stateJson), ModelSource.valueOf(source), null, null, null, now, 0);
        ModelEffect effect = effect(model, command, now);
        if (!effect.refused()) {
            return Mono.empty();
        }
        ModelEffect.RefusalView r = effect.refusal();
        return Mono.error(new ApiException(
                ProblemType.METER_WOULD_REFUSE,
                "meter " + meterId
                        + " would refuse this code (" + r.code() + "): " + r.advice() + " " + r.detail()
                        + ". Worked out on its modelled state as of "
                        + model.state().asOf() + " ("
                        + model.source().name().toLowerCase(java.util.Locale.ROOT) + "); if the meter's display shows"
                        + " otherwise, report its state and try again. Nothing was issued.",
                List.of(new FieldProblem("command", r.code() + ": " + r.detail(), r.advice()))));
    }

    /**
     * Applies a code the meter accepted to its model, in the caller's transaction (the model row stays locked
     * until it ends), and appends the audit entry to {@code auditSubject}'s chain. When the model would have
     * refused the code, the model is kept but marked diverged (the meter took it, so the model is wrong), and
     * that is audited instead. No model: nothing happens.
     */
    public Mono<Void> applyAccepted(
            UUID supplier,
            UUID device,
            UUID codeId,
            String command,
            Map<String, String> parameters,
            UUID actor,
            Instant at,
            String auditSubject) {
        return models.lock(supplier, device).flatMap(model -> {
            Instant when = at.isBefore(model.state().asOf()) ? model.state().asOf() : at;
            Outcome outcome;
            try {
                MeterCommand parsed = CommandType.ofName(command).fromParameters(Parameters.of(parameters));
                outcome = MeterEngine.apply(model.state(), parsed, when);
            } catch (IllegalArgumentException e) {
                outcome = null;
                log.warn(
                        "the engine could not apply code {} to the model of device {}: {}",
                        codeId,
                        device,
                        e.getMessage());
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("device", device.toString());
            details.put("code", codeId.toString());
            details.put("modelVersion", model.version() + 1);
            MeterModel next;
            String action;
            if (outcome instanceof Outcome.Applied applied) {
                next = model.changed(applied.state(), ModelSource.MODELLED, codeId, null, actor, at);
                action = "meter-model.applied";
                details.put("before", summary(model.state()));
                details.put("after", summary(applied.state()));
            } else {
                String why = outcome instanceof Outcome.Refused refused
                        ? "code " + codeId + " was accepted by the meter but the model would have refused it ("
                                + refused.reason().code() + ": " + refused.detail() + ")"
                        : "code " + codeId + " was accepted by the meter but the engine could not apply it to the"
                                + " model";
                next = model.changed(model.state(), model.source(), model.sourceCodeId(), why, actor, at);
                action = "meter-model.diverged";
                details.put("why", why);
            }
            return models.save(next).then(audit.append(supplier, at, actor, action, auditSubject, details));
        });
    }

    /** The meter's model, or empty. */
    public Mono<MeterModel> find(UUID supplier, UUID device) {
        return models.find(supplier, device);
    }

    /**
     * Replaces the registers of the meter's model with what the customer's display shows (null members keep the
     * modelled value), as of {@code at}, in the caller's transaction, audited under {@code meter:<eui64>}.
     *
     * @throws ApiException {@link ProblemType#NO_METER_MODEL} when the meter has no model (its settings and
     *     tariff are not known)
     */
    public Mono<MeterModel> report(
            UUID supplier, UUID device, String meterId, Reported reported, UUID actor, Instant at) {
        return models.lock(supplier, device)
                .switchIfEmpty(Mono.error(() -> new ApiException(
                        ProblemType.NO_METER_MODEL,
                        "meter " + meterId
                                + " has no modelled state: its settings and tariff are not known to the backend, so a"
                                + " reading cannot be recorded")))
                .flatMap(model -> {
                    MeterState state;
                    try {
                        state = reported.applyTo(model.state(), at);
                    } catch (IllegalArgumentException e) {
                        return Mono.error(new ApiException(
                                ProblemType.VALIDATION,
                                e.getMessage(),
                                List.of(new FieldProblem("state", e.getMessage(), null))));
                    }
                    MeterModel next = model.changed(state, ModelSource.REPORTED, null, null, actor, at);
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("device", device.toString());
                    details.put("modelVersion", next.version());
                    details.put("before", summary(model.state()));
                    details.put("after", summary(state));
                    details.put("reason", reported.reason());
                    // Only a reported balance says what the home spent; debts or supply alone do not.
                    Mono<Void> kept = reported.balancePence() == null
                            ? Mono.empty()
                            : models.reading(supplier, device, Observation.BalanceSeen.of(state), actor);
                    return models.save(next)
                            .then(kept)
                            .then(audit.append(
                                    supplier, at, actor, "meter-model.reported", "meter:" + meterId, details))
                            .thenReturn(next);
                });
    }

    /** The engine's answer for the command on this model, as a preview shows it. */
    static ModelEffect effect(MeterModel model, MeterCommand command, Instant now) {
        MeterState before = model.state();
        Instant at = now.isBefore(before.asOf()) ? before.asOf() : now;
        ModelEffect.ModelInfo info = new ModelEffect.ModelInfo(
                before.asOf(),
                model.source().name(),
                model.sourceCodeId(),
                model.updatedAt(),
                model.version(),
                model.diverged());
        List<String> notes = new ArrayList<>();
        notes.add("worked out by the tariff engine on the meter's modelled state as of " + before.asOf() + " ("
                + model.source().name().toLowerCase(java.util.Locale.ROOT) + "); energy used since then is not"
                + " charged here, so the meter's own balance is probably lower");
        if (model.diverged() != null) {
            notes.add("the model may not match the meter: " + model.diverged());
        }
        Outcome outcome;
        MeterView beforeView;
        try {
            outcome = MeterEngine.apply(before, command, at);
            beforeView = MeterView.of(before);
        } catch (IllegalArgumentException e) {
            return ModelEffect.notComputed("the tariff engine could not run on this meter's model: " + e.getMessage());
        }
        if (outcome instanceof Outcome.Refused refused) {
            return new ModelEffect(
                    true,
                    notes,
                    ModelEffect.REFUSED,
                    new ModelEffect.RefusalView(
                            refused.reason().code(), refused.reason().advice(), refused.detail()),
                    info,
                    beforeView,
                    beforeView,
                    null,
                    List.of());
        }
        Outcome.Applied applied = (Outcome.Applied) outcome;
        List<ModelEffect.ChangeView> changes = new ArrayList<>();
        for (TimelineEntry e : applied.changes()) {
            changes.add(new ModelEffect.ChangeView(
                    e.change().code(),
                    e.amountPence(),
                    e.note().isEmpty() ? null : e.note(),
                    e.meterBalance(),
                    e.supply().code()));
        }
        return new ModelEffect(
                true,
                notes,
                ModelEffect.APPLIED,
                null,
                info,
                beforeView,
                MeterView.of(applied.state()),
                allocation(applied.changes()),
                changes);
    }

    /** Where a top-up went, read off the engine's timeline; null when the command was not a top-up. */
    private static ModelEffect.Allocation allocation(List<TimelineEntry> changes) {
        long amount = -1;
        long payment = 0;
        long accumulated = 0;
        long shortfall = 0;
        long emergency = 0;
        long balance = 0;
        for (TimelineEntry e : changes) {
            switch (e.change()) {
                case TOP_UP -> amount = e.amountPence();
                case PAYMENT_DEBT_RECOVERY -> payment += e.amountPence();
                case ACCUMULATED_DEBT_REPAID -> accumulated += e.amountPence();
                case SHORTFALL_REPAID -> shortfall += e.amountPence();
                case EMERGENCY_CREDIT_REPAID -> emergency += e.amountPence();
                case CREDIT_ADDED -> balance += e.amountPence();
                default -> {}
            }
        }
        return amount < 0
                ? null
                : new ModelEffect.Allocation(amount, payment, accumulated, shortfall, emergency, balance);
    }

    private static Map<String, Object> summary(MeterState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("asOf", s.asOf().toString());
        m.put("balancePence", s.credit().meterBalance());
        m.put("emergencyCreditActive", s.credit().emergencyCreditActive());
        m.put("emergencyCreditPence", s.credit().emergencyCreditBalance());
        m.put("debtPence", s.debts().total());
        m.put("supply", s.supply().code());
        m.put("mode", s.mode().name());
        return m;
    }
}
