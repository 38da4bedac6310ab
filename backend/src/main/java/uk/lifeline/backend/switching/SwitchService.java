package uk.lifeline.backend.switching;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.audit.CrossSupplierAudit;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.customer.CustomerAccounts;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;
import uk.lifeline.backend.tenant.Supplier;
import uk.lifeline.backend.tenant.Suppliers;
import uk.lifeline.calendar.MeterTime;

/**
 * A change of supplier, recorded by the gaining supplier: in one transaction the losing supplier's supply at the
 * premises ends ({@link LosingSide}), the gaining supplier gets its own rows ({@link GainingSide}), and the
 * switch is recorded and audited in both suppliers' chains. The devices' commissioning records stay with their
 * installing supplier. Thread-safe.
 */
@Service
public class SwitchService {

    /** What the gaining supplier says. Immutable. */
    public record Gain(
            String losingSupplier,
            List<String> mpxns,
            LocalDate effectiveOn,
            String accountNumber,
            String name,
            String phone) {}

    private final DatabaseClient db;
    private final CustomerAccounts accounts;
    private final Suppliers suppliers;
    private final LosingSide losing;
    private final GainingSide gaining;
    private final Switches switches;
    private final CrossSupplierAudit audit;
    private final TransactionalOperator tx;
    private final Clock clock;

    SwitchService(
            DatabaseClient db,
            CustomerAccounts accounts,
            Suppliers suppliers,
            LosingSide losing,
            GainingSide gaining,
            Switches switches,
            CrossSupplierAudit audit,
            TransactionalOperator tx,
            Clock clock) {
        this.db = db;
        this.accounts = accounts;
        this.suppliers = suppliers;
        this.losing = losing;
        this.gaining = gaining;
        this.switches = switches;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    public Mono<SwitchView> record(Caller caller, Gain gain) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (gain.effectiveOn().isAfter(LocalDate.ofInstant(now, MeterTime.ZONE))) {
            return Mono.error(ApiException.field(
                    ProblemType.VALIDATION,
                    "effectiveOn",
                    "is in the future: record" + " the switch on or after the day it takes effect",
                    null));
        }
        UUID id = UUID.randomUUID();
        return suppliers
                .all()
                .filter(s -> s.code().equals(gain.losingSupplier()))
                .next()
                .switchIfEmpty(Mono.error(() -> ApiException.field(
                        ProblemType.VALIDATION, "losingSupplier", "no supplier " + gain.losingSupplier(), null)))
                .flatMap(from -> {
                    if (from.id().equals(caller.supplierId())) {
                        return Mono.error(ApiException.field(
                                ProblemType.VALIDATION,
                                "losingSupplier",
                                "you cannot gain a premises from yourself",
                                null));
                    }
                    return tx.transactional(
                            losingPremises(from, gain.mpxns()).flatMap(premises -> account(caller.supplierId(), gain)
                                    .flatMap(account -> gaining.take(caller.supplierId(), account, premises)
                                            .flatMap(gained -> losing.end(from.id(), premises.premisesId(), id, now)
                                                    .flatMap(cancelled -> switches.insert(
                                                                    id,
                                                                    caller.supplierId(),
                                                                    gained,
                                                                    from.id(),
                                                                    premises.premisesId(),
                                                                    gain.effectiveOn(),
                                                                    caller.userId(),
                                                                    now,
                                                                    cancelled)
                                                            .then(audit.append(
                                                                    caller.supplierId(),
                                                                    from.id(),
                                                                    now,
                                                                    caller.userId(),
                                                                    "supply.switched",
                                                                    "switch:" + id,
                                                                    details(gain, from, premises, cancelled))))))));
                })
                .then(Mono.defer(() -> switches.find(caller.supplierId(), id)));
    }

    /** The losing supplier's premises holding every MPAN/MPRN given, locked; 404 for one it does not hold. */
    private Mono<GainingSide.From> losingPremises(Supplier from, List<String> mpxns) {
        return db.sql("""
                        SELECT sp.mpxn, p.id, p.address, p.postcode, p.supply_ended_at FROM supply_point sp
                        JOIN premises p ON p.supplier_id = sp.supplier_id AND p.id = sp.premises_id
                        WHERE sp.supplier_id = :l AND sp.mpxn = ANY(:mpxns::text[])
                        ORDER BY p.id FOR UPDATE OF p
                        """)
                .bind("l", from.id())
                .bind("mpxns", mpxns.toArray(String[]::new))
                .map(row -> new Object[] {
                    row.get("mpxn", String.class),
                    row.get("id", UUID.class),
                    row.get("address", String.class),
                    row.get("postcode", String.class),
                    row.get("supply_ended_at", Instant.class)
                })
                .all()
                .collectList()
                .flatMap(rows -> {
                    for (String mpxn : mpxns) {
                        if (rows.stream().noneMatch(r -> mpxn.equals(r[0]))) {
                            return Mono.error(ApiException.notFound("supply point at " + from.code(), mpxn));
                        }
                    }
                    if (rows.stream().map(r -> r[1]).distinct().count() > 1) {
                        return Mono.error(ApiException.field(
                                ProblemType.VALIDATION,
                                "mpxns",
                                "these MPAN/MPRNs are" + " at different premises of " + from.code(),
                                null));
                    }
                    Object[] first = rows.get(0);
                    if (first[4] != null) {
                        return Mono.error(new ApiException(
                                ProblemType.SUPPLY_ENDED,
                                from.code() + "'s supply at" + " this premises already ended at " + first[4]));
                    }
                    return contents(from.id(), (UUID) first[1])
                            .map(c -> new GainingSide.From(
                                    from.id(),
                                    (UUID) first[1],
                                    (String) first[2],
                                    (String) first[3],
                                    c.get(0),
                                    c.get(1)));
                });
    }

    /** The premises' MPAN/MPRNs and EUI-64s. */
    private Mono<List<List<String>>> contents(UUID supplier, UUID premises) {
        return db.sql("""
                        SELECT 'm' AS kind, mpxn AS value FROM supply_point WHERE supplier_id = :s AND premises_id = :p
                        UNION ALL
                        SELECT 'd', eui64 FROM device WHERE supplier_id = :s AND premises_id = :p
                        """)
                .bind("s", supplier)
                .bind("p", premises)
                .map(row -> new String[] {row.get("kind", String.class), row.get("value", String.class)})
                .all()
                .collectList()
                .map(rows -> {
                    List<String> mpxns = new ArrayList<>();
                    List<String> euis = new ArrayList<>();
                    rows.forEach(r -> (r[0].equals("m") ? mpxns : euis).add(r[1]));
                    return List.of(mpxns, euis);
                });
    }

    /** The gaining supplier's account: an existing one by number, or a new one with the name given. */
    private Mono<UUID> account(UUID supplierId, Gain gain) {
        return db.sql("SELECT id FROM customer_account WHERE supplier_id = :s AND account_number = :n")
                .bind("s", supplierId)
                .bind("n", gain.accountNumber())
                .map(row -> row.get("id", UUID.class))
                .one()
                .switchIfEmpty(Mono.defer(() -> {
                    if (gain.name() == null) {
                        return Mono.error(ApiException.field(
                                ProblemType.VALIDATION,
                                "account.name",
                                "you have no" + " account " + gain.accountNumber() + ": give the name to open it",
                                null));
                    }
                    UUID id = UUID.randomUUID();
                    return accounts.open(id, supplierId, gain.accountNumber(), gain.name(), gain.phone())
                            .thenReturn(id);
                }));
    }

    private static Map<String, Object> details(
            Gain gain, Supplier from, GainingSide.From premises, List<UUID> cancelled) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("losingSupplier", from.code());
        details.put("effectiveOn", gain.effectiveOn().toString());
        details.put("mpxns", premises.mpxns());
        details.put("devices", premises.euis());
        details.put("cancelledCodes", cancelled.size());
        return details;
    }
}
