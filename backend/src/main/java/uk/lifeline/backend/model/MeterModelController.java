package uk.lifeline.backend.model;

import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.meter.Meter;
import uk.lifeline.backend.meter.Meters;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;

/**
 * A meter's modelled prepayment state: read it, or record what the customer's display shows. {@code meterId} is
 * the meter's EUI-64; another supplier's meter is not found.
 */
@RestController
class MeterModelController {

    /** The model as an agent sees it. */
    record ModelView(String meterId, ModelEffect.ModelInfo model, MeterView state) {
        static ModelView of(Meter meter, MeterModel m) {
            return new ModelView(
                    meter.eui64().toString(),
                    new ModelEffect.ModelInfo(
                            m.state().asOf(),
                            m.source().name(),
                            m.sourceCodeId(),
                            m.updatedAt(),
                            m.version(),
                            m.diverged()),
                    MeterView.of(m.state()));
        }
    }

    private final Meters meters;
    private final MeterModelService models;
    private final TransactionalOperator tx;
    private final Clock clock;

    MeterModelController(Meters meters, MeterModelService models, TransactionalOperator tx, Clock clock) {
        this.meters = meters;
        this.models = models;
        this.tx = tx;
        this.clock = clock;
    }

    @GetMapping("/api/v1/meters/{meterId}/model")
    Mono<ModelView> get(@AuthenticationPrincipal Jwt jwt, @PathVariable String meterId) {
        Caller caller = Caller.of(jwt);
        return meters.find(caller.supplierId(), meterId).flatMap(meter -> models.find(caller.supplierId(), meter.id())
                .switchIfEmpty(Mono.error(() -> new ApiException(
                        ProblemType.NO_METER_MODEL, "meter " + meter.eui64() + " has no modelled state")))
                .map(m -> ModelView.of(meter, m)));
    }

    /** Records what the customer's display shows; the model's source becomes REPORTED. */
    @PutMapping("/api/v1/meters/{meterId}/model")
    Mono<ModelView> report(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String meterId, @Valid @RequestBody Reported reported) {
        Caller caller = Caller.of(jwt);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return meters.find(caller.supplierId(), meterId).flatMap(meter -> tx.transactional(models.report(
                        caller.supplierId(), meter.id(), meter.eui64().toString(), reported, caller.userId(), now))
                .map(m -> ModelView.of(meter, m)));
    }
}
