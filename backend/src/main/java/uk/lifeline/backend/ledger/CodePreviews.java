package uk.lifeline.backend.ledger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.ledger.ApprovalPolicy.Decision;
import uk.lifeline.backend.meter.Meters;
import uk.lifeline.backend.model.MeterModelService;
import uk.lifeline.backend.model.ModelEffect;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;
import uk.lifeline.code.CodeLayout;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.words.Language;

/**
 * Previews a code: every check issuing makes (approval, counter window, whether the modelled meter would refuse
 * it), what the code would do to the meter by the shared tariff engine, and nothing written. Thread-safe.
 */
@Service
public class CodePreviews {

    private final Meters meters;
    private final CounterStore counters;
    private final CodeStore ledger;
    private final ApprovalPolicy policy;
    private final MeterModelService models;
    private final IssuingProperties properties;
    private final Clock clock;

    CodePreviews(
            Meters meters,
            CounterStore counters,
            CodeStore ledger,
            ApprovalPolicy policy,
            MeterModelService models,
            IssuingProperties properties,
            Clock clock) {
        this.meters = meters;
        this.counters = counters;
        this.ledger = ledger;
        this.policy = policy;
        this.models = models;
        this.properties = properties;
        this.clock = clock;
    }

    /** What issuing the command (parsed from the request by the caller) would make now; writes nothing. */
    public Mono<CodePreview> preview(Caller caller, String meterId, MeterCommand command) {
        return Mono.defer(() -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            return meters.find(caller.supplierId(), meterId).flatMap(meter -> {
                if (!meter.type().isMeter()) {
                    return Mono.error(new ApiException(
                            ProblemType.NOT_A_METER,
                            "device " + meter.eui64() + " is a " + meter.type()
                                    + "; codes are issued for the ESME or GSME"));
                }
                Instant startOfDay = IssueRules.startOfDay(now, properties);
                Mono<Long> today = policy.needsDailyTotal(caller.role(), command)
                        ? ledger.releasedTopUpsSince(caller.supplierId(), meter.id(), startOfDay)
                        : Mono.just(0L);
                return Mono.zip(
                                today,
                                counters.peek(caller.supplierId(), meter.id()),
                                models.preview(caller.supplierId(), meter.id(), command, now))
                        .map(all -> {
                            Decision decision = policy.decide(caller.role(), command, all.getT1());
                            CounterStore.State state = all.getT2();
                            ModelEffect effect = all.getT3();
                            long remaining = Math.max(
                                    0, state.highestAccepted() + properties.counterWindow() - state.next() + 1);
                            CodePreview.Issuable issuable = effect.refused()
                                    ? new CodePreview.Issuable(
                                            false,
                                            ProblemType.METER_WOULD_REFUSE.uri().toString(),
                                            "the meter would refuse it: "
                                                    + effect.refusal().code() + " ("
                                                    + effect.refusal().advice() + ")")
                                    : remaining == 0
                                            ? new CodePreview.Issuable(
                                                    false,
                                                    ProblemType.COUNTER_WINDOW_EXHAUSTED
                                                            .uri()
                                                            .toString(),
                                                    "report the results of codes already entered first")
                                            : new CodePreview.Issuable(
                                                    true,
                                                    null,
                                                    decision.needsApproval()
                                                            ? "as PENDING_APPROVAL: a supervisor other than you must approve it"
                                                            : null);
                            return new CodePreview(
                                    meter.eui64().toString(),
                                    meter.type().name(),
                                    meter.wanState().name(),
                                    command.type().commandName(),
                                    command.parameters(),
                                    CodeView.describe(command, now, Language.ENGLISH),
                                    CodeView.describe(command, now, Language.WELSH),
                                    command.type().blocks(),
                                    CodeLayout.BLOCK_DIGITS * command.type().blocks(),
                                    new CodePreview.ApprovalPreview(
                                            decision.needsApproval(), List.copyOf(decision.reasons())),
                                    new CodePreview.CounterPreview(state.next(), state.highestAccepted(), remaining),
                                    now.plus(properties.expiry()),
                                    effect,
                                    issuable);
                        });
            });
        });
    }
}
