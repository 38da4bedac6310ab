package uk.lifeline.backend.issuing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.ledger.Ledger;
import uk.lifeline.backend.ledger.Ledger.Outcome;
import uk.lifeline.backend.meter.Meter;
import uk.lifeline.backend.meter.Meters;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.IdempotencyKeys;
import uk.lifeline.backend.problem.ProblemType;
import uk.lifeline.backend.tenant.Supplier;
import uk.lifeline.backend.tenant.Suppliers;
import uk.lifeline.command.MeterCommand;

/**
 * Issue requests over the API: reads the Idempotency-Key, the command and the meter, and hands the request to the
 * {@link Ledger}, which applies the rules and answers after its transaction commits. A retried request with the
 * same Idempotency-Key gets the stored answer. Thread-safe.
 */
@Service
public class IssuingService {

    private final Suppliers suppliers;
    private final Meters meters;
    private final Ledger ledger;
    private final MeterRegistry metrics;
    private final ObjectMapper json;

    public IssuingService(Suppliers suppliers, Meters meters, Ledger ledger, MeterRegistry metrics, ObjectMapper json) {
        this.json = json;
        this.suppliers = suppliers;
        this.meters = meters;
        this.ledger = ledger;
        this.metrics = metrics;
    }

    public Mono<Outcome> issue(Caller caller, String meterId, String idempotencyKey, IssueRequest request) {
        return Mono.defer(() -> {
                    String key = IdempotencyKeys.require(idempotencyKey);
                    MeterCommand command = CommandRequests.parse(request);
                    byte[] hash = hash(meterId.toUpperCase(Locale.ROOT), request);
                    return Mono.zip(suppliers.byId(caller.supplierId()), meters.find(caller.supplierId(), meterId))
                            .flatMap(found -> {
                                Supplier supplier = found.getT1();
                                Meter meter = found.getT2();
                                if (!meter.type().isMeter()) {
                                    return Mono.error(new ApiException(
                                            ProblemType.NOT_A_METER,
                                            "device " + meter.eui64() + " is a " + meter.type()
                                                    + "; codes are issued for the ESME or GSME"));
                                }
                                return ledger.issue(List.of(ledger.request(
                                                caller, supplier, meter, key, hash, request.reason(), command)))
                                        .flatMap(issued -> issued.get(0).refused() != null
                                                ? Mono.error(issued.get(0).refused())
                                                : Mono.just(issued.get(0).answer()));
                            });
                })
                .doOnNext(outcome -> metrics.counter(
                                "lifeline.codes.issued",
                                "command",
                                outcome.code().command(),
                                "status",
                                outcome.code().status().name())
                        .increment());
    }

    /** The SHA-256 of what makes two requests the same: the meter, the command, its parameters and the reason. */
    private byte[] hash(String meterId, IssueRequest request) {
        TreeMap<String, Object> canonical = new TreeMap<>();
        canonical.put("meter", meterId);
        canonical.put("command", request.command());
        canonical.put("parameters", new TreeMap<>(request.parametersOrEmpty()));
        canonical.put("reason", request.reason());
        try {
            return MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash a request", e);
        }
    }
}
