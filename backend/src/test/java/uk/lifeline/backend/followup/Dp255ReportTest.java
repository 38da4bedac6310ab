package uk.lifeline.backend.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.lifeline.backend.testing.ProblemAssert.problem;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import uk.lifeline.backend.model.MeterModels;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Installs;
import uk.lifeline.backend.testing.Tenant;
import uk.lifeline.calendar.MeterTime;
import uk.lifeline.command.ChangeMode;
import uk.lifeline.command.UnitPrice;
import uk.lifeline.prepay.MeterSettings;
import uk.lifeline.prepay.MeterState;
import uk.lifeline.tariff.SingleRate;

/**
 * The DP255 follow-up report on the real backend and PostgreSQL: partial installs and prepayment meters left
 * without WAN, by age band and region, as JSON and CSV; prepayment customers among them offered the no-WAN code
 * service automatically, the call centre's list and its outcomes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Dp255ReportTest extends BackendTest {

    @Autowired
    MeterModels models;

    private Installs installs;
    private Tenant supplier;
    private Tenant other;
    private LocalDate today;
    private Installs.Premises partial;
    private Installs.Premises old;
    private Installs.Premises credit;

    @BeforeAll
    void devices() {
        installs = new Installs(seed, http);
        supplier = tenant("supplier");
        other = tenant("other");
        today = LocalDate.now(MeterTime.ZONE);
        // A prepayment customer's partial install (10 days), an install-and-leave 100 days old, and a credit meter.
        partial = installs.installed(supplier, 1, "PARTIAL_INSTALL", today, false);
        model(partial.meters().get(0), ChangeMode.Mode.PREPAYMENT);
        installs.put(
                        supplier.token("ops"),
                        "/api/v1/devices/" + partial.meters().get(0) + "/commissioning",
                        Map.of(
                                "state",
                                "INSTALLED_NOT_COMMISSIONED",
                                "reason",
                                "PARTIAL_INSTALL",
                                "installedOn",
                                today.minusDays(10).toString()))
                .expectStatus()
                .isOk();
        old = installs.installed(supplier, 1, "PROACTIVE_INSTALL_AND_LEAVE", today.minusDays(100), true);
        model(old.meters().get(0), ChangeMode.Mode.PREPAYMENT);
        credit = installs.installed(supplier, 1, "REACTIVE_INSTALL_AND_LEAVE", today.minusDays(40), true);
        model(credit.meters().get(0), ChangeMode.Mode.CREDIT);
        db.sql("UPDATE customer_account SET name = '=HYPERLINK(\"x\")' WHERE supplier_id = :s AND account_number = :n")
                .bind("s", supplier.supplierId)
                .bind("n", old.accountNumber())
                .fetch()
                .rowsUpdated()
                .block();
    }

    private void model(String eui, ChangeMode.Mode mode) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        MeterState state = MeterState.initial(
                        MeterSettings.builder(new SingleRate(
                                        UnitPrice.ofPence(new java.math.BigDecimal("24.862")),
                                        UnitPrice.ofPence(new java.math.BigDecimal("60.10"))))
                                .build(),
                        now)
                .withMode(mode);
        UUID device = db.sql("SELECT id FROM device WHERE supplier_id = :s AND eui64 = :e")
                .bind("s", supplier.supplierId)
                .bind("e", eui)
                .map(r -> r.get("id", UUID.class))
                .one()
                .block();
        models.seed(supplier.supplierId, device, state, now).block();
    }

    private static Map<String, Object> item(Map<?, ?> report, String eui) {
        return ((List<?>) report.get("items"))
                .stream()
                        .map(Dp255ReportTest::map)
                        .filter(i -> eui.equals(i.get("deviceId")))
                        .findFirst()
                        .orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object json) {
        return (Map<String, Object>) json;
    }

    @Test
    void theReportListsPartialInstallsAndPrepaymentMetersWithoutWanByAgeAndRegion() {
        Map<?, ?> report = get(supplier.token("supervisor"), "/api/v1/reports/dp255")
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        Map<String, Object> meter = item(report, partial.meters().get(0));
        assertThat(meter)
                .containsEntry("category", "PARTIAL_INSTALL")
                .containsEntry("ageBand", "UNDER_30")
                .containsEntry("ageDays", 10)
                .containsEntry("region", "DH")
                .containsEntry("paymentMode", "PREPAYMENT")
                .containsEntry("codeService", "OFFERED")
                .containsEntry("mpxn", partial.mpans().get(0));
        assertThat(item(report, old.meters().get(0)))
                .containsEntry("category", "PREPAYMENT_NO_WAN")
                .containsEntry("ageBand", "DAYS_90_PLUS")
                .containsEntry("reason", "PROACTIVE_INSTALL_AND_LEAVE");
        assertThat(item(report, credit.meters().get(0))).isNull();
        // The tenant's own no-WAN meters have no install date and no modelled mode.
        assertThat(item(report, supplier.meter1))
                .containsEntry("ageBand", "UNKNOWN")
                .containsEntry("paymentMode", "UNKNOWN")
                .containsEntry("region", "LS")
                .containsEntry("codeService", "NOT_OFFERED");
        List<?> summary = (List<?>) report.get("summary");
        Map<String, Object> dh = summary.stream()
                .map(Dp255ReportTest::map)
                .filter(s -> "DH".equals(s.get("region")))
                .findFirst()
                .orElseThrow();
        assertThat(map(dh.get("byAge")))
                .containsEntry("UNDER_30", 1)
                .containsEntry("DAYS_90_PLUS", 1)
                .containsEntry("DAYS_30_TO_89", 0);
    }

    @Test
    void partialInstallsOfDevicesWithoutRecordsAreFoundByTheirWanState() {
        db.sql("UPDATE device SET wan_state = 'PARTIAL_INSTALL' WHERE supplier_id = :s AND eui64 = :e")
                .bind("s", supplier.supplierId)
                .bind("e", partial.ppmid())
                .fetch()
                .rowsUpdated()
                .block();
        Map<?, ?> report = get(supplier.token("ops"), "/api/v1/reports/dp255")
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(item(report, partial.ppmid()))
                .containsEntry("category", "PARTIAL_INSTALL")
                .containsEntry("deviceType", "PPMID");
    }

    @Test
    void theCsvHasTheSameRowsWithFormulasDisarmed() {
        String csv = get(supplier.token("admin"), "/api/v1/reports/dp255.csv")
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("text/csv;charset=UTF-8")
                .expectHeader()
                .value("Content-Disposition", d -> assertThat(d).startsWith("attachment;"))
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0])
                .isEqualTo(
                        "device_id,device_type,category,wan_state,commissioning,reason,installed_on,"
                                + "age_days,age_band,region,postcode,mpxn,account_number,customer_name,payment_mode,code_service");
        assertThat(lines).anySatisfy(l -> assertThat(l)
                .isEqualTo(String.join(
                        ",",
                        partial.meters().get(0),
                        "ESME",
                        "PARTIAL_INSTALL",
                        "INSTALL_AND_LEAVE",
                        "INSTALLED_NOT_COMMISSIONED",
                        "PARTIAL_INSTALL",
                        today.minusDays(10).toString(),
                        "10",
                        "UNDER_30",
                        "DH",
                        "DH1 5CD",
                        partial.mpans().get(0),
                        partial.accountNumber(),
                        "Nadia Khan",
                        "PREPAYMENT",
                        "OFFERED")));
        assertThat(csv).contains("\"'=HYPERLINK(\"\"x\"\")\"").doesNotContain(",=HYPERLINK");
    }

    @Test
    void prepaymentCustomersOnTheReportAreOfferedTheNoWanCodeServiceOnceAndTheCallCentreRecordsTheOutcome() {
        get(supplier.token("ops"), "/api/v1/reports/dp255").expectStatus().isOk();
        List<?> offers = (List<?>) get(supplier.token("agent"), "/api/v1/no-wan-offers")
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("items");
        Map<String, Object> offer = offers.stream()
                .map(Dp255ReportTest::map)
                .filter(o -> old.accountNumber().equals(o.get("accountNumber")))
                .findFirst()
                .orElseThrow();
        assertThat(offer)
                .containsEntry("reason", "PREPAYMENT_NO_WAN")
                .containsEntry("status", "OFFERED")
                .containsEntry("postcode", "DH1 5CD")
                .containsEntry("appLinked", false)
                .containsEntry("phone", "07700900010");
        assertThat(offer.get("devices").toString()).contains(old.meters().get(0));
        assertThat(offers).anySatisfy(o -> assertThat(map(o))
                .containsEntry("accountNumber", partial.accountNumber())
                .containsEntry("reason", "PARTIAL_INSTALL"));
        assertThat(offers).noneSatisfy(o -> assertThat(((Map<?, ?>) o).get("accountNumber"))
                .isEqualTo(credit.accountNumber()));
        assertThat(count("SELECT count(*) FROM no_wan_offer WHERE supplier_id = '" + supplier.supplierId + "'"))
                .isEqualTo(2);
        get(supplier.token("ops"), "/api/v1/reports/dp255").expectStatus().isOk();
        assertThat(count("SELECT count(*) FROM no_wan_offer WHERE supplier_id = '" + supplier.supplierId + "'"))
                .isEqualTo(2);

        String id = (String) offer.get("id");
        problem(
                post(other.token("agent"), "/api/v1/no-wan-offers/" + id + "/outcome", Map.of("outcome", "ACCEPTED")),
                404,
                "not-found");
        problem(
                post(supplier.token("agent"), "/api/v1/no-wan-offers/" + id + "/outcome", Map.of("outcome", "MAYBE")),
                400,
                "validation");
        post(
                        supplier.token("agent"),
                        "/api/v1/no-wan-offers/" + id + "/outcome",
                        Map.of("outcome", "ACCEPTED", "note", "activation code read out"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("ACCEPTED")
                .jsonPath("$.outcomeNote")
                .isEqualTo("activation code read out");
        problem(
                post(
                        supplier.token("agent"),
                        "/api/v1/no-wan-offers/" + id + "/outcome",
                        Map.of("outcome", "DECLINED")),
                409,
                "already-answered");
        get(supplier.token("agent"), "/api/v1/no-wan-offers?status=ACCEPTED")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[0].id")
                .isEqualTo(id);
        assertThat(count("SELECT count(*) FROM audit_log WHERE entry LIKE '%no-wan-offer.accepted%'"))
                .isEqualTo(1);
    }

    @Test
    void aCustomerWhoAlreadyUsesTheAppIsEnrolledAndNotOffered() {
        Installs.Premises linked = installs.installed(supplier, 1, "PARTIAL_INSTALL", today, false);
        model(linked.meters().get(0), ChangeMode.Mode.PREPAYMENT);
        db.sql("""
                        INSERT INTO push_device (id, supplier_id, customer_account_id, installation, token, platform,
                          registered_at)
                        SELECT gen_random_uuid(), supplier_id, id, gen_random_uuid(), 'token-' || id, 'android', now()
                        FROM customer_account WHERE supplier_id = :s AND account_number = :n
                        """)
                .bind("s", supplier.supplierId)
                .bind("n", linked.accountNumber())
                .fetch()
                .rowsUpdated()
                .block();
        installs.put(
                        supplier.token("ops"),
                        "/api/v1/devices/" + linked.meters().get(0) + "/commissioning",
                        Map.of("state", "INSTALLED_NOT_COMMISSIONED", "reason", "PARTIAL_INSTALL"))
                .expectStatus()
                .isOk();
        Map<?, ?> report = get(supplier.token("ops"), "/api/v1/reports/dp255")
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(item(report, linked.meters().get(0))).containsEntry("codeService", "ENROLLED");
        assertThat(count("SELECT count(*) FROM no_wan_offer o JOIN customer_account a ON a.id = o.customer_account_id"
                        + " WHERE a.account_number = '" + linked.accountNumber() + "'"))
                .isZero();
    }

    @Test
    void eachSupplierSeesOnlyItsOwnDevicesAndCustomersAreRefused() {
        Map<?, ?> theirs = get(other.token("supervisor"), "/api/v1/reports/dp255")
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(item(theirs, partial.meters().get(0))).isNull();
        get(other.token("agent"), "/api/v1/no-wan-offers")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items.length()")
                .isEqualTo(0);
        problem(get(supplier.token("customer1"), "/api/v1/reports/dp255"), 403, "forbidden");
        problem(get(supplier.token("customer1"), "/api/v1/reports/dp255.csv"), 403, "forbidden");
        problem(get(supplier.token("customer1"), "/api/v1/no-wan-offers"), 403, "forbidden");
        problem(get(supplier.token("agent"), "/api/v1/reports/dp255"), 403, "forbidden");
        problem(
                post(
                        supplier.token("ops"),
                        "/api/v1/no-wan-offers/" + UUID.randomUUID() + "/outcome",
                        Map.of("outcome", "ACCEPTED")),
                403,
                "forbidden");
    }
}
