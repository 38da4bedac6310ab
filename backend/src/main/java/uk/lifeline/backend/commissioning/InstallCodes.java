package uk.lifeline.backend.commissioning;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.audit.CrossSupplierAudit;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;

/**
 * The install codes themselves: revealing one (to the installing supplier, or to a supplier it was released to
 * while that supplier supplies the device) and releasing one to a requesting supplier. The code leaves the vault
 * only in a reveal's answer; every reveal and release is audited in both suppliers' chains, without the code.
 * Thread-safe.
 */
@Service
public class InstallCodes {

    /** A revealed code, grouped in fours. Immutable; the only type that carries a code out of the backend. */
    public record Revealed(String deviceId, String installCode, Instant revealedAt) {

        @Override
        public String toString() {
            return "Revealed[deviceId=" + deviceId + ", installCode=withheld]";
        }
    }

    private final CommissioningRecords records;
    private final Registrations registrations;
    private final InstallCodeVault vault;
    private final CrossSupplierAudit audit;
    private final TransactionalOperator tx;
    private final Clock clock;

    InstallCodes(
            CommissioningRecords records,
            Registrations registrations,
            InstallCodeVault vault,
            CrossSupplierAudit audit,
            TransactionalOperator tx,
            Clock clock) {
        this.records = records;
        this.registrations = registrations;
        this.vault = vault;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** The device's commissioning record, or empty; for deciding where a request goes. */
    public Mono<Commissioning> find(String eui64) {
        return records.find(eui64, false);
    }

    public Mono<Boolean> releasedTo(String eui64, UUID supplierId) {
        return records.releasedTo(eui64, supplierId);
    }

    Mono<Revealed> reveal(Caller caller, String deviceId, String reason) {
        return Mono.defer(() -> {
            String eui = CommissioningService.eui(deviceId);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            return tx.transactional(records.find(eui, false)
                    .filterWhen(c -> entitled(caller, c))
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound("device", eui)))
                    .flatMap(c -> {
                        if (!c.codeHeld()) {
                            return Mono.error(new ApiException(
                                    ProblemType.NO_INSTALL_CODE,
                                    "Lifeline holds no install" + " code for device " + eui));
                        }
                        InstallCode code = vault.open(eui, c.sealedCode());
                        Map<String, Object> details = new LinkedHashMap<>();
                        details.put("device", eui);
                        details.put("reason", reason);
                        details.put("installer", c.installerId().toString());
                        return audit.append(
                                        caller.supplierId(),
                                        c.installerId(),
                                        now,
                                        caller.userId(),
                                        "install-code.revealed",
                                        "device:" + eui,
                                        details)
                                .thenReturn(new Revealed(eui, code.grouped(), now));
                    }));
        });
    }

    /**
     * Releases the device's install code to the supplier {@code to}, answering request {@code requestId}, in the
     * caller's transaction. The answering supplier must be the recorded installer; with no record, it becomes the
     * installer of a new one (it must have registered the device). {@code given} (may be null) is stored first,
     * replacing a held code.
     */
    public Mono<Void> release(Caller answerer, String eui, UUID to, UUID requestId, String given, Instant now) {
        return records.find(eui, true)
                .flatMap(c -> c.installerId().equals(answerer.supplierId())
                        ? Mono.just(c)
                        : Mono.<Commissioning>error(CommissioningService.notInstaller(eui)))
                .switchIfEmpty(Mono.defer(() -> registrations
                        .byEui(answerer.supplierId(), eui)
                        .switchIfEmpty(Mono.error(() -> ApiException.notFound("device", eui)))
                        .map(r -> new Commissioning(
                                eui,
                                answerer.supplierId(),
                                CommissioningState.INSTALLED_NOT_COMMISSIONED,
                                null,
                                null,
                                null,
                                null,
                                null))))
                .flatMap(c -> {
                    if (given == null && !c.codeHeld()) {
                        return Mono.error(new ApiException(
                                ProblemType.NO_INSTALL_CODE,
                                "Lifeline holds no install" + " code for device " + eui
                                        + "; give it as installCode to release it"));
                    }
                    Commissioning stored = given == null
                            ? c
                            : new Commissioning(
                                    eui,
                                    c.installerId(),
                                    c.state(),
                                    c.reason(),
                                    c.installedOn(),
                                    vault.seal(eui, InstallCode.parse(given)),
                                    c.commissionedAt(),
                                    c.commissionedBy());
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("device", eui);
                    details.put("releasedTo", to.toString());
                    details.put("request", requestId.toString());
                    details.put("installCode", given == null ? "held" : c.codeHeld() ? "replaced" : "recorded");
                    return (given == null ? Mono.<Void>empty() : records.upsert(stored, now))
                            .then(records.release(eui, to, c.installerId(), requestId, answerer.userId(), now))
                            .then(audit.append(
                                    answerer.supplierId(),
                                    to,
                                    now,
                                    answerer.userId(),
                                    "install-code.released",
                                    "device:" + eui,
                                    details));
                });
    }

    private Mono<Boolean> entitled(Caller caller, Commissioning c) {
        if (c.installerId().equals(caller.supplierId())) {
            return Mono.just(true);
        }
        return records.releasedTo(c.eui64(), caller.supplierId())
                .flatMap(released -> !released
                        ? Mono.just(false)
                        : registrations
                                .byEui(caller.supplierId(), c.eui64())
                                .map(Registration::isCurrent)
                                .defaultIfEmpty(false));
    }
}
