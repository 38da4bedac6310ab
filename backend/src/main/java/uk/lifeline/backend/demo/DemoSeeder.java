package uk.lifeline.backend.demo;

import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.customer.SupplyPointNumbers;
import uk.lifeline.backend.model.MeterModels;
import uk.lifeline.code.Pem;

/**
 * Seeds the demo data into an empty database, when {@code lifeline.demo.enabled} (the embedded default): two
 * suppliers, their staff, customers with premises, MPANs and MPRNs, and meters with and without WAN, whose
 * simulated private keys go to {@code lifeline.demo.meter-keys}, each meter with a modelled prepayment state
 * ({@link DemoModels}) for previews. Then prints where the backend is and who can
 * sign in.
 */
@Component
class DemoSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);
    static final String BENCH_ACCOUNT = "ACC-900000";

    private final DemoProperties properties;
    private final SeedWriter seed;
    private final DatabaseClient db;
    private final PasswordEncoder passwords;
    private final TransactionalOperator tx;
    private final Environment env;
    private final MeterModels models;
    private final DemoInstalls installs;
    private final DemoContacts contacts;

    DemoSeeder(
            DemoProperties properties,
            SeedWriter seed,
            DatabaseClient db,
            PasswordEncoder passwords,
            TransactionalOperator tx,
            Environment env,
            MeterModels models,
            DemoInstalls installs,
            DemoContacts contacts) {
        this.properties = properties;
        this.seed = seed;
        this.db = db;
        this.passwords = passwords;
        this.tx = tx;
        this.env = env;
        this.models = models;
        this.installs = installs;
        this.contacts = contacts;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.enabled()) {
            return;
        }
        Long suppliers = db.sql("SELECT count(*) AS n FROM supplier")
                .map(r -> r.get("n", Long.class))
                .one()
                .block();
        if (suppliers != null && suppliers == 0) {
            String hash = passwords.encode(properties.password());
            tx.transactional(Flux.fromIterable(DemoData.SUPPLIERS)
                            .concatMap(s -> supplier(s, hash))
                            .then())
                    .block();
            log.info("Seeded the demo data; simulated meter keys are in {}", properties.meterKeys());
        }
        installs.seedOnce();
        contacts.seedOnce();
        if (properties.benchMeters() > 0) {
            benchMeters(properties.benchMeters()).block();
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        if (!properties.enabled()) {
            return;
        }
        String url = "http://localhost:" + env.getProperty("local.server.port", "8080");
        StringBuilder out = new StringBuilder("\n\n  Lifeline backend: ")
                .append(url)
                .append("   (API docs: ")
                .append(url)
                .append("/swagger-ui.html)\n")
                .append("  Demo sign-ins, password '")
                .append(properties.password())
                .append("':\n");
        for (DemoData.SupplierSeed s : DemoData.SUPPLIERS) {
            out.append("    ").append(s.code()).append(": ");
            List<String> names = new ArrayList<>();
            s.staff().forEach(u -> names.add(u.username() + " (" + u.role() + ")"));
            s.customers().stream()
                    .filter(c -> c.username() != null)
                    .forEach(c -> names.add(c.username() + " (CUSTOMER)"));
            out.append(String.join(", ", names)).append('\n');
        }
        out.append("  Sign in: curl -s -X POST ")
                .append(url)
                .append("/api/v1/auth/token -H 'Content-Type: application/json' -d '{\"username\":\"amy.agent\","
                        + "\"password\":\"")
                .append(properties.password())
                .append("\"}'\n");
        log.info(out.toString());
    }

    private Mono<Void> supplier(DemoData.SupplierSeed s, String hash) {
        UUID supplier = UUID.randomUUID();
        Mono<Void> staff = Flux.fromIterable(s.staff())
                .concatMap(u ->
                        seed.user(UUID.randomUUID(), supplier, u.username(), hash, u.displayName(), u.role(), null))
                .then();
        Mono<Void> customers = Flux.fromIterable(s.customers())
                .concatMap(c -> customer(supplier, c, hash))
                .then();
        return seed.supplier(supplier, s.code(), s.name(), s.originatorId())
                .then(staff)
                .then(customers);
    }

    private Mono<Void> customer(UUID supplier, DemoData.CustomerSeed c, String hash) {
        UUID account = UUID.randomUUID();
        UUID premises = UUID.randomUUID();
        Mono<Void> user = c.username() == null
                ? Mono.empty()
                : seed.user(UUID.randomUUID(), supplier, c.username(), hash, c.name(), "CUSTOMER", account);
        return seed.customer(account, supplier, c.accountNumber(), c.name(), c.phone())
                .then(user)
                .then(seed.premises(premises, supplier, account, c.address(), c.postcode()))
                .then(Flux.fromIterable(c.devices())
                        .concatMap(d -> device(supplier, premises, d))
                        .then());
    }

    private Mono<Void> device(UUID supplier, UUID premises, DemoData.DeviceSeed d) {
        if (d.mpxn() == null) {
            return seed.device(UUID.randomUUID(), supplier, premises, null, d.eui64(), d.type(), null, d.wanState());
        }
        KeyPair pair = DemoMeterKeys.generate();
        DemoMeterKeys.save(properties.meterKeys(), d.eui64(), pair);
        UUID supplyPoint = UUID.randomUUID();
        UUID device = UUID.randomUUID();
        String fuel = d.type().equals("ESME") ? "ELECTRICITY" : "GAS";
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Mono<Void> model = Mono.justOrEmpty(DemoModels.of(d.eui64(), now))
                .flatMap(state -> models.seed(supplier, device, state, now))
                .then();
        return seed.supplyPoint(supplyPoint, supplier, premises, fuel, d.mpxn())
                .then(seed.device(
                        device,
                        supplier,
                        premises,
                        supplyPoint,
                        d.eui64(),
                        d.type(),
                        Pem.encode(pair.getPublic()),
                        d.wanState()))
                .then(model);
    }

    /** Adds no-WAN meters to one bench account of the first supplier, up to {@code count}. */
    private Mono<Void> benchMeters(int count) {
        String code = DemoData.SUPPLIERS.get(0).code();
        return db.sql("SELECT id FROM supplier WHERE code = :code")
                .bind("code", code)
                .map(r -> r.get("id", UUID.class))
                .one()
                .flatMap(supplier -> db.sql(
                                "SELECT count(*) AS n FROM device WHERE supplier_id = :s" + " AND eui64 LIKE '00BE%'")
                        .bind("s", supplier)
                        .map(r -> r.get("n", Long.class))
                        .one()
                        .flatMap(existing -> existing >= count
                                ? Mono.empty()
                                : tx.transactional(addBench(supplier, existing.intValue(), count))));
    }

    private Mono<Void> addBench(UUID supplier, int from, int to) {
        UUID account = UUID.randomUUID();
        UUID premises = UUID.randomUUID();
        Mono<Void> place = from > 0
                ? Mono.empty()
                : seed.customer(account, supplier, BENCH_ACCOUNT, "Load Test", null)
                        .then(seed.premises(premises, supplier, account, "1 Benchmark Row, Testville", "ZZ1 1ZZ"));
        Mono<UUID> premisesId = from > 0
                ? db.sql("SELECT p.id FROM premises p JOIN customer_account a ON a.id = p.customer_account_id"
                                + " WHERE a.supplier_id = :s AND a.account_number = :n")
                        .bind("s", supplier)
                        .bind("n", BENCH_ACCOUNT)
                        .map(r -> r.get("id", UUID.class))
                        .one()
                : Mono.just(premises);
        String encoded = Pem.encode(DemoMeterKeys.generate().getPublic());
        return place.then(premisesId)
                .flatMap(p -> Flux.range(from, to - from)
                        .concatMap(i -> {
                            UUID sp = UUID.randomUUID();
                            String mpan =
                                    SupplyPointNumbers.mpanWithCheckDigit(String.format(Locale.ROOT, "99%010d", i));
                            return seed.supplyPoint(sp, supplier, p, "ELECTRICITY", mpan)
                                    .then(seed.device(
                                            UUID.randomUUID(),
                                            supplier,
                                            p,
                                            sp,
                                            benchEui(i),
                                            "ESME",
                                            encoded,
                                            "NO_WAN"));
                        })
                        .then())
                .doOnSuccess(v -> log.info("Bench meters 00BE...: {} in account {}", to, BENCH_ACCOUNT));
    }

    /** The EUI-64 of bench meter {@code i}: {@code 00BE} then 12 hex digits. */
    static String benchEui(int i) {
        return String.format(Locale.ROOT, "00BE%012X", i);
    }
}
