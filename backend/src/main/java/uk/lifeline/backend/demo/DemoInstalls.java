package uk.lifeline.backend.demo;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.auth.Role;
import uk.lifeline.backend.commissioning.CommissioningService;
import uk.lifeline.backend.commissioning.CommissioningState;
import uk.lifeline.backend.commissioning.InstallCode;
import uk.lifeline.backend.commissioning.InstallReason;
import uk.lifeline.backend.customer.SupplyPointNumbers;
import uk.lifeline.backend.installcode.Requests;
import uk.lifeline.backend.model.MeterModels;
import uk.lifeline.backend.switching.SwitchService;
import uk.lifeline.calendar.MeterTime;
import uk.lifeline.calendar.WorkingDays;
import uk.lifeline.code.Pem;
import uk.lifeline.command.UnitPrice;
import uk.lifeline.prepay.MeterSettings;
import uk.lifeline.prepay.MeterState;
import uk.lifeline.tariff.SingleRate;

/**
 * Demo data for install codes and DP255 (issue 8), on top of {@link DemoData}: commissioning records with install
 * codes for the demo meters left without WAN; a Durham premises Northern Power installed and Bright Energy gained
 * (its install codes to ask for; one request already overdue), a Hull premises the other way round with a request
 * Bright Energy owes, and a Sunderland partial install. Made through the real services, so blocks, audit entries
 * and offers are as the API makes them. Added once, also to a demo database seeded before it existed.
 */
@Component
class DemoInstalls {

    private static final Logger log = LoggerFactory.getLogger(DemoInstalls.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Meter(String eui, String type, String wanState, String mpxn) {}

    private final DemoProperties properties;
    private final SeedWriter seed;
    private final DatabaseClient db;
    private final CommissioningService commissioning;
    private final SwitchService switching;
    private final MeterModels models;
    private final Requests requests;
    private final Clock clock;

    DemoInstalls(
            DemoProperties properties,
            SeedWriter seed,
            DatabaseClient db,
            CommissioningService commissioning,
            SwitchService switching,
            MeterModels models,
            Requests requests,
            Clock clock) {
        this.properties = properties;
        this.seed = seed;
        this.db = db;
        this.commissioning = commissioning;
        this.switching = switching;
        this.models = models;
        this.requests = requests;
        this.clock = clock;
    }

    void seedOnce() {
        Long done = db.sql("SELECT count(*) AS n FROM device_commissioning")
                .map(r -> r.get("n", Long.class))
                .one()
                .block();
        Map<String, UUID> suppliers = db.sql("SELECT code, id FROM supplier")
                .map(r -> Map.entry(r.get("code", String.class), r.get("id", UUID.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .block();
        if (done == null
                || done > 0
                || !suppliers.containsKey("bright-energy")
                || !suppliers.containsKey("northern-power")) {
            return;
        }
        UUID bright = suppliers.get("bright-energy");
        UUID northern = suppliers.get("northern-power");
        LocalDate today = LocalDate.now(clock.withZone(MeterTime.ZONE));
        Caller brightOps = caller("olly.ops", bright);
        Caller northernOps = caller("ned.supervisor", northern);
        seedAll(bright, northern, brightOps, northernOps, today).block();
        log.info("Seeded the install-code demo: Durham (northern-power installed, bright-energy gained: ACC-100005),"
                + " Hull (the other way round: ACC-200004), Sunderland (a partial install)");
    }

    private Mono<Void> seedAll(UUID bright, UUID northern, Caller brightOps, Caller northernOps, LocalDate today) {
        List<Meter> durham = List.of(
                new Meter("00DB1234567800E1", "ESME", "INSTALL_AND_LEAVE", mpan("151234567900")),
                new Meter("00DB1234567800E2", "GSME", "INSTALL_AND_LEAVE", mprn("40123456")),
                new Meter("00DB1234567800E3", "PPMID", "INSTALL_AND_LEAVE", null),
                new Meter("00DB1234567800E4", "CHF", "INSTALL_AND_LEAVE", null));
        List<Meter> hull = List.of(
                new Meter("00DB1234567800F1", "ESME", "INSTALL_AND_LEAVE", mpan("231234567901")),
                new Meter("00DB1234567800F4", "CHF", "INSTALL_AND_LEAVE", null));
        List<Meter> sunderland = List.of(
                new Meter("00DB1234567801A1", "ESME", "PARTIAL_INSTALL", mpan("151234567902")),
                new Meter("00DB1234567801A3", "PPMID", "PARTIAL_INSTALL", null),
                new Meter("00DB1234567801A4", "CHF", "COMMISSIONED_WAN", null));
        return customer(
                        northern,
                        "ACC-200002",
                        "Nadia Khan",
                        "07700900010",
                        "5 Cathedral View, Durham",
                        "DH1 5CD",
                        durham)
                .then(customer(
                        bright, "ACC-100004", "Harry Walsh", "07700900011", "9 Quay Road, Hull", "HU1 2AA", hull))
                .then(customer(
                        northern, "ACC-200003", "Priya Shah", null, "14 Elm Row, Sunderland", "SR1 3BB", sunderland))
                // Installs as each installing supplier recorded them, with their install codes.
                .then(install(northernOps, durham, InstallReason.PROACTIVE_INSTALL_AND_LEAVE, today.minusDays(100)))
                .then(install(brightOps, hull, InstallReason.REACTIVE_INSTALL_AND_LEAVE, today.minusDays(40)))
                .then(install(
                        northernOps, sunderland.subList(0, 2), InstallReason.PARTIAL_INSTALL, today.minusDays(20)))
                .then(install(
                        northernOps,
                        List.of(new Meter("00DB1234567800D1", "ESME", "NO_WAN", null)),
                        InstallReason.PROACTIVE_INSTALL_AND_LEAVE,
                        today.minusDays(120)))
                .then(install(
                        brightOps,
                        List.of(
                                new Meter("00DB1234567800A1", "ESME", "NO_WAN", null),
                                new Meter("00DB1234567800A2", "GSME", "NO_WAN", null)),
                        InstallReason.PROACTIVE_INSTALL_AND_LEAVE,
                        today.minusDays(45)))
                .then(install(
                        brightOps,
                        List.of(new Meter("00DB1234567800B1", "ESME", "INSTALL_AND_LEAVE", null)),
                        InstallReason.REACTIVE_INSTALL_AND_LEAVE,
                        today.minusDays(95)))
                .then(install(
                        brightOps,
                        List.of(new Meter("00DB1234567800C2", "GSME", "PARTIAL_INSTALL", null)),
                        InstallReason.PARTIAL_INSTALL,
                        today.minusDays(10)))
                // The switches, as the gaining suppliers recorded them.
                .then(switching.record(
                        brightOps,
                        new SwitchService.Gain(
                                "northern-power",
                                List.of(durham.get(0).mpxn()),
                                today.minusDays(14),
                                "ACC-100005",
                                "Nadia Khan",
                                "07700900010")))
                .then(switching.record(
                        northernOps,
                        new SwitchService.Gain(
                                "bright-energy",
                                List.of(hull.get(0).mpxn()),
                                today.minusDays(5),
                                "ACC-200004",
                                "Harry Walsh",
                                null)))
                // What Nadia read from her display for Bright Energy: a prepayment meter.
                .then(prepaymentModel(bright, "00DB1234567800E1"))
                .then(prepaymentModel(northern, "00DB1234567801A1"))
                // Bright Energy asked for the gas meter's code 20 days ago (overdue); Northern Power asked Bright
                // Energy for the Hull meter's 3 days ago.
                .then(request(bright, northern, "00DB1234567800E2", brightOps.userId(), today.minusDays(20)))
                .then(request(northern, bright, "00DB1234567800F1", northernOps.userId(), today.minusDays(3)));
    }

    private Mono<Void> customer(
            UUID supplier,
            String account,
            String name,
            String phone,
            String address,
            String postcode,
            List<Meter> meters) {
        UUID accountId = UUID.randomUUID();
        UUID premises = UUID.randomUUID();
        return seed.customer(accountId, supplier, account, name, phone)
                .then(seed.premises(premises, supplier, accountId, address, postcode))
                .then(Flux.fromIterable(meters)
                        .concatMap(m -> device(supplier, premises, m))
                        .then());
    }

    private Mono<Void> device(UUID supplier, UUID premises, Meter m) {
        if (m.mpxn() == null) {
            return seed.device(UUID.randomUUID(), supplier, premises, null, m.eui(), m.type(), null, m.wanState());
        }
        KeyPair pair = DemoMeterKeys.generate();
        DemoMeterKeys.save(properties.meterKeys(), m.eui(), pair);
        UUID supplyPoint = UUID.randomUUID();
        return seed.supplyPoint(
                        supplyPoint, supplier, premises, m.type().equals("ESME") ? "ELECTRICITY" : "GAS", m.mpxn())
                .then(seed.device(
                        UUID.randomUUID(),
                        supplier,
                        premises,
                        supplyPoint,
                        m.eui(),
                        m.type(),
                        Pem.encode(pair.getPublic()),
                        m.wanState()));
    }

    private Mono<Void> install(Caller installer, List<Meter> meters, InstallReason reason, LocalDate on) {
        return Flux.fromIterable(meters)
                .concatMap(m -> commissioning.record(
                        installer,
                        m.eui(),
                        new CommissioningService.Install(
                                CommissioningState.INSTALLED_NOT_COMMISSIONED, reason, on, installCode())))
                .then();
    }

    private Mono<Void> prepaymentModel(UUID supplier, String eui) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        MeterState state = MeterState.initial(
                MeterSettings.builder(new SingleRate(
                                UnitPrice.ofPence(new java.math.BigDecimal("24.862")),
                                UnitPrice.ofPence(new java.math.BigDecimal("60.10"))))
                        .build(),
                now);
        return db.sql("SELECT id FROM device WHERE supplier_id = :s AND eui64 = :e")
                .bind("s", supplier)
                .bind("e", eui)
                .map(r -> r.get("id", UUID.class))
                .one()
                .flatMap(device -> models.seed(supplier, device, state, now))
                .then();
    }

    /** An install-code request raised on an earlier day, as the API would have made it then. */
    private Mono<Void> request(UUID requester, UUID responder, String eui, UUID by, LocalDate on) {
        LocalDate due = WorkingDays.englandAndWales().plus(on, 10);
        Instant at = on.atTime(10, 0).atZone(MeterTime.ZONE).toInstant();
        return requests.raisedEarlier(
                requester, responder, eui, "gained this premises; meter not commissioned", by, at, on, due);
    }

    private Caller caller(String username, UUID supplier) {
        UUID id = db.sql("SELECT id FROM app_user WHERE username = :u")
                .bind("u", username)
                .map(r -> r.get("id", UUID.class))
                .one()
                .block();
        return new Caller(id, supplier, Role.OPS, null);
    }

    /** A random ZigBee install code: 16 bytes and their CRC. */
    static String installCode() {
        byte[] code = new byte[16];
        RANDOM.nextBytes(code);
        return InstallCode.withCrc(code).grouped();
    }

    private static String mpan(String first12) {
        return SupplyPointNumbers.mpanWithCheckDigit(first12);
    }

    private static String mprn(String body) {
        return SupplyPointNumbers.mprnWithCheckDigits(body);
    }
}
