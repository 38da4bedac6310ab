package uk.lifeline.backend.commissioning;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.audit.CrossSupplierAudit;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.commissioning.CommissioningView.SupplyView;
import uk.lifeline.backend.followup.NoWanOffers;
import uk.lifeline.backend.ledger.CodeBlocks;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;
import uk.lifeline.backend.tenant.SupplierRef;
import uk.lifeline.backend.tenant.Suppliers;
import uk.lifeline.calendar.MeterTime;
import uk.lifeline.code.Eui64;

/**
 * Commissioning records: who may see one (the installing supplier, a supplier of the device, one its code was
 * released to), recording an install, commissioning, and the gaining supplier's credentials. Each change is one
 * transaction with its audit entries. Thread-safe.
 */
@Service
public class CommissioningService {

    /** What a supervisor or operations user records about an install. Immutable. */
    public record Install(CommissioningState state, InstallReason reason, LocalDate installedOn, String installCode) {}

    private final CommissioningRecords records;
    private final Registrations registrations;
    private final InstallCodeVault vault;
    private final Suppliers suppliers;
    private final CrossSupplierAudit audit;
    private final NoWanOffers offers;
    private final CodeBlocks blocks;
    private final TransactionalOperator tx;
    private final Clock clock;

    CommissioningService(
            CommissioningRecords records,
            Registrations registrations,
            InstallCodeVault vault,
            Suppliers suppliers,
            CrossSupplierAudit audit,
            NoWanOffers offers,
            CodeBlocks blocks,
            TransactionalOperator tx,
            Clock clock) {
        this.records = records;
        this.registrations = registrations;
        this.vault = vault;
        this.suppliers = suppliers;
        this.audit = audit;
        this.offers = offers;
        this.blocks = blocks;
        this.tx = tx;
        this.clock = clock;
    }

    /** The device's EUI-64 in its stored form; a malformed one is simply not found. */
    public static String eui(String deviceId) {
        try {
            return Eui64.parse(deviceId).toString();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.notFound("device", deviceId == null || deviceId.length() > 40 ? "" : deviceId);
        }
    }

    Mono<CommissioningView> view(Caller caller, String deviceId) {
        return Mono.defer(() -> visible(caller, eui(deviceId)).flatMap(found -> view(caller, found)));
    }

    public Mono<CommissioningView> record(Caller caller, String deviceId, Install install) {
        return Mono.defer(() -> {
            String eui = eui(deviceId);
            validate(install);
            Instant now = now();
            return tx.transactional(current(caller, eui)
                    .flatMap(mine -> records.find(eui, true)
                            .map(Optional::of)
                            .defaultIfEmpty(Optional.empty())
                            .flatMap(existing -> {
                                if (existing.isPresent()
                                        && !existing.get().installerId().equals(caller.supplierId())) {
                                    return Mono.error(notInstaller(eui));
                                }
                                InstallCodeVault.Sealed kept =
                                        existing.map(Commissioning::sealedCode).orElse(null);
                                InstallCodeVault.Sealed sealed = install.installCode() == null
                                        ? kept
                                        : vault.seal(eui, InstallCode.parse(install.installCode()));
                                boolean commissioned = install.state() == CommissioningState.COMMISSIONED;
                                Commissioning c = new Commissioning(
                                        eui,
                                        caller.supplierId(),
                                        install.state(),
                                        install.reason(),
                                        install.installedOn(),
                                        sealed,
                                        commissioned
                                                ? existing.map(Commissioning::commissionedAt)
                                                        .filter(at -> at != null)
                                                        .orElse(now)
                                                : null,
                                        commissioned ? caller.supplierId() : null);
                                Map<String, Object> details = details(c);
                                details.put(
                                        "installCode",
                                        install.installCode() == null
                                                ? (kept == null ? "none" : "kept")
                                                : kept == null ? "recorded" : "replaced");
                                return records.upsert(c, now)
                                        .then(audit.append(
                                                caller.supplierId(),
                                                null,
                                                now,
                                                caller.userId(),
                                                "commissioning.recorded",
                                                "device:" + eui,
                                                details))
                                        .then(offers.sweep(caller.supplierId(), now))
                                        .then(records.find(eui, false));
                            }))
                    .flatMap(c -> view(caller, c)));
        });
    }

    Mono<CommissioningView> commissioned(Caller caller, String deviceId, Instant at) {
        return Mono.defer(() -> {
            String eui = eui(deviceId);
            Instant now = now();
            Instant when = at == null ? now : at.truncatedTo(ChronoUnit.MICROS);
            if (when.isAfter(now)) {
                throw ApiException.field(ProblemType.VALIDATION, "commissionedAt", "is in the future", null);
            }
            return tx.transactional(current(caller, eui)
                    .flatMap(mine -> records.find(eui, true)
                            .switchIfEmpty(
                                    Mono.error(() -> ApiException.notFound("commissioning record for device", eui)))
                            .flatMap(c -> {
                                if (c.isCommissioned()) {
                                    return Mono.error(new ApiException(
                                            ProblemType.ALREADY_COMMISSIONED,
                                            "device " + eui + " was commissioned at " + c.commissionedAt()));
                                }
                                Commissioning done = new Commissioning(
                                        eui,
                                        c.installerId(),
                                        CommissioningState.COMMISSIONED,
                                        c.reason(),
                                        c.installedOn(),
                                        c.sealedCode(),
                                        when,
                                        caller.supplierId());
                                return records.upsert(done, now)
                                        .then(onTheWan(mine))
                                        .then(audit.append(
                                                caller.supplierId(),
                                                c.installerId(),
                                                now,
                                                caller.userId(),
                                                "commissioning.commissioned",
                                                "device:" + eui,
                                                details(done)))
                                        .then(records.find(eui, false));
                            }))
                    .flatMap(c -> view(caller, c)));
        });
    }

    Mono<SupplyView> credentialsInstalled(Caller caller, String deviceId, String reason) {
        return Mono.defer(() -> {
            String eui = eui(deviceId);
            Instant now = now();
            return tx.transactional(current(caller, eui)
                    .flatMap(mine -> blocks.lift(mine.supplierId(), mine.deviceId(), CodeBlocks.AWAITING_CREDENTIALS)
                            .then(audit.append(
                                    caller.supplierId(),
                                    null,
                                    now,
                                    caller.userId(),
                                    "device.credentials-installed",
                                    "device:" + eui,
                                    Map.of("reason", reason)))
                            .then(registrations.byEui(caller.supplierId(), eui))
                            .map(SupplyView::of)));
        });
    }

    /** The caller's current registration of the device: 404 without one, 409 supply-ended when it was lost. */
    Mono<Registration> current(Caller caller, String eui) {
        return registrations
                .byEui(caller.supplierId(), eui)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("device", eui)))
                .flatMap(r -> r.isCurrent()
                        ? Mono.just(r)
                        : Mono.error(new ApiException(
                                ProblemType.SUPPLY_ENDED,
                                "your supply of device " + eui + " ended at " + r.supplyEndedAt())));
    }

    /** Commissioning puts the commissioning supplier's credentials on the device and joins it to the WAN. */
    private Mono<Void> onTheWan(Registration mine) {
        return registrations
                .onTheWan(mine)
                .then(blocks.lift(mine.supplierId(), mine.deviceId(), CodeBlocks.AWAITING_CREDENTIALS));
    }

    /** The record, when the caller installed, supplies or supplied the device, or was given its code; or 404. */
    Mono<Commissioning> visible(Caller caller, String eui) {
        return records.find(eui, false)
                .filterWhen(c -> c.installerId().equals(caller.supplierId())
                        ? Mono.just(true)
                        : registrations
                                .byEui(caller.supplierId(), eui)
                                .hasElement()
                                .flatMap(has -> has ? Mono.just(true) : records.releasedTo(eui, caller.supplierId())))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("device", eui)));
    }

    private Mono<CommissioningView> view(Caller caller, Commissioning c) {
        Mono<Optional<SupplierRef>> commissionedBy = c.commissionedBy() == null
                ? Mono.just(Optional.empty())
                : suppliers.byId(c.commissionedBy()).map(s -> Optional.of(SupplierRef.of(s)));
        return Mono.zip(
                        suppliers.byId(c.installerId()),
                        commissionedBy,
                        registrations.byEui(c.installerId(), c.eui64()),
                        registrations
                                .byEui(caller.supplierId(), c.eui64())
                                .map(Optional::of)
                                .defaultIfEmpty(Optional.empty()),
                        records.releasedTo(c.eui64(), caller.supplierId()))
                .map(t -> new CommissioningView(
                        c.eui64(),
                        t.getT3().type().name(),
                        c.state(),
                        c.reason(),
                        c.installedOn(),
                        ageDays(c.installedOn()),
                        SupplierRef.of(t.getT1()),
                        c.installerId().equals(caller.supplierId()),
                        c.codeHeld(),
                        t.getT5(),
                        c.commissionedAt(),
                        t.getT2().orElse(null),
                        t.getT4().map(SupplyView::of).orElse(null)));
    }

    Long ageDays(LocalDate installedOn) {
        return installedOn == null ? null : ChronoUnit.DAYS.between(installedOn, today());
    }

    private void validate(Install install) {
        if (install.state() == CommissioningState.INSTALLED_NOT_COMMISSIONED && install.reason() == null) {
            throw ApiException.field(
                    ProblemType.VALIDATION,
                    "reason",
                    "say why the device was left uncommissioned",
                    "REACTIVE_INSTALL_AND_LEAVE, PROACTIVE_INSTALL_AND_LEAVE, PARTIAL_INSTALL");
        }
        if (install.installedOn() != null && install.installedOn().isAfter(today())) {
            throw ApiException.field(ProblemType.VALIDATION, "installedOn", "is in the future", null);
        }
    }

    static Map<String, Object> details(Commissioning c) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("device", c.eui64());
        details.put("state", c.state().name());
        if (c.reason() != null) {
            details.put("reason", c.reason().name());
        }
        if (c.installedOn() != null) {
            details.put("installedOn", c.installedOn().toString());
        }
        return details;
    }

    static ApiException notInstaller(String eui) {
        return new ApiException(
                ProblemType.NOT_INSTALLING_SUPPLIER,
                "another supplier is recorded as installing" + " device " + eui
                        + "; ask it for the install code instead");
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(MeterTime.ZONE));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
