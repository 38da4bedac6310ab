package uk.lifeline.backend.issuing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.issuing.ApprovalPolicy.Decision;
import uk.lifeline.backend.meter.Meters;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;
import uk.lifeline.command.MeterCommand;

/** Previews a code: every check issuing makes, and nothing written. Thread-safe. */
@Service
class CodePreviews {

    private final Meters meters;
    private final Counters counters;
    private final CodeLedger ledger;
    private final ApprovalPolicy policy;
    private final CodeEffects effects;
    private final IssuingProperties properties;
    private final Clock clock;

    CodePreviews(Meters meters, Counters counters, CodeLedger ledger, ApprovalPolicy policy, CodeEffects effects,
            IssuingProperties properties, Clock clock) {
        this.meters = meters;
        this.counters = counters;
        this.ledger = ledger;
        this.policy = policy;
        this.effects = effects;
        this.properties = properties;
        this.clock = clock;
    }

    Mono<CodePreview> preview(Caller caller, String meterId, IssueRequest request) {
        return Mono.defer(() -> {
            MeterCommand command = CommandRequests.parse(request);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            return meters.find(caller.supplierId(), meterId).flatMap(meter -> {
                if (!meter.type().isMeter()) {
                    return Mono.error(new ApiException(ProblemType.NOT_A_METER, "device " + meter.eui64()
                            + " is a " + meter.type() + "; codes are issued for the ESME or GSME"));
                }
                Instant startOfDay = LocalDate.ofInstant(now, properties.zone()).atStartOfDay(properties.zone())
                        .toInstant();
                Mono<Long> today = policy.needsDailyTotal(caller.role(), command)
                        ? ledger.releasedTopUpsSince(caller.supplierId(), meter.id(), startOfDay) : Mono.just(0L);
                return Mono.zip(today, counters.peek(caller.supplierId(), meter.id())).map(both -> {
                    Decision decision = policy.decide(caller.role(), command, both.getT1());
                    Counters.State state = both.getT2();
                    long remaining = Math.max(0, state.highestAccepted() + properties.counterWindow() - state.next() + 1);
                    return new CodePreview(meter.eui64().toString(), meter.type().name(), meter.wanState().name(),
                            command.type().commandName(), command.parameters(), command.type().blocks(),
                            20 * command.type().blocks(),
                            new CodePreview.ApprovalPreview(decision.needsApproval(), List.copyOf(decision.reasons())),
                            new CodePreview.CounterPreview(state.next(), state.highestAccepted(), remaining),
                            now.plus(properties.expiry()), effects.effect(command, now));
                });
            });
        });
    }
}
