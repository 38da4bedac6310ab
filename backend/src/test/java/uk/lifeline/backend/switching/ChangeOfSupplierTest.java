package uk.lifeline.backend.switching;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.lifeline.backend.testing.ProblemAssert.problem;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.test.web.reactive.server.WebTestClient;
import uk.lifeline.backend.ledger.CodeView;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Installs;
import uk.lifeline.backend.testing.Tenant;
import uk.lifeline.calendar.MeterTime;

/**
 * A change of supplier on the real backend and PostgreSQL: the losing supplier's codes that may still be typed in
 * are cancelled in the same transaction as the move, neither supplier can make codes the meter would be wrong to
 * get (the losing one's supply ended; the gaining one's key is not on the meter yet), and each supplier sees only
 * its side.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChangeOfSupplierTest extends BackendTest {

    private static final String SWITCH = "/api/v1/change-of-supplier";

    private Installs installs;
    private Tenant first;
    private Tenant loser;
    private Tenant gainer;
    private Tenant stranger;

    @BeforeAll
    void suppliers() {
        installs = new Installs(seed, http);
        first = tenant("first");
        loser = tenant("loser");
        gainer = tenant("gainer");
        stranger = tenant("stranger");
    }

    private Map<String, Object> body(Tenant from, String mpxn, String account) {
        return Map.of(
                "losingSupplier",
                from.code,
                "mpxns",
                List.of(mpxn),
                "effectiveOn",
                LocalDate.now(MeterTime.ZONE).toString(),
                "account",
                Map.of("accountNumber", account, "name", "Nadia Khan"));
    }

    private CodeView code(WebTestClient.ResponseSpec response) {
        return response.expectBody(CodeView.class).returnResult().getResponseBody();
    }

    @Test
    void theLosingSuppliersOutstandingCodesAndRequestsAreCancelledWithTheMoveAndNeitherSupplierCanMakeCodes() {
        // 'first' installed the premises; 'loser' gained it, asked for the install code, and had its credentials
        // put on the meter, so it issues codes.
        Installs.Premises p = installs.installed(
                first,
                1,
                "PROACTIVE_INSTALL_AND_LEAVE",
                LocalDate.now(MeterTime.ZONE).minusDays(60),
                true);
        String meter = p.meters().get(0);
        installs.gain(loser, first, p);
        String request = (String) post(loser.token("agent"), "/api/v1/install-code-requests", Map.of("deviceId", meter))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        post(
                        loser.token("ops"),
                        "/api/v1/devices/" + meter + "/supplier-credentials",
                        Map.of("reason", "DCC confirmed the credentials"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("CURRENT")
                .jsonPath("$.codesBlocked")
                .doesNotExist();
        String agent = loser.token("agent");
        CodeView issued = code(issue(agent, meter, "top-up", Map.of("amount", "5.00"))
                .expectStatus()
                .isCreated());
        CodeView pending = code(issue(agent, meter, "set-credit", Map.of("balance", "5.00"))
                .expectStatus()
                .isAccepted());
        CodeView accepted = code(issue(agent, meter, "top-up", Map.of("amount", "6.00"))
                .expectStatus()
                .isCreated());
        post(agent, "/api/v1/codes/" + accepted.id() + "/result", Map.of("outcome", "ACCEPTED"))
                .expectStatus()
                .isOk();

        Map<?, ?> gained = post(
                        gainer.token("ops"), SWITCH, body(loser, p.mpans().get(0), "G-1"))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(gained.get("direction")).isEqualTo("GAINED");
        assertThat(gained.get("accountNumber")).isEqualTo("G-1");
        assertThat(gained.containsKey("cancelledCodes")).isFalse();
        assertThat((List<?>) gained.get("devices"))
                .allSatisfy(d -> assertThat(((Map<?, ?>) d).get("codesBlocked")).isIn("AWAITING_CREDENTIALS", null));
        String id = (String) gained.get("id");

        // The losing supplier's side: its two outstanding codes cancelled (and audited), the accepted one kept.
        get(loser.token("supervisor"), SWITCH + "/" + id)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.direction")
                .isEqualTo("LOST")
                .jsonPath("$.accountNumber")
                .doesNotExist()
                .jsonPath("$.cancelledCodes.length()")
                .isEqualTo(2);
        for (CodeView c : List.of(issued, pending)) {
            get(agent, "/api/v1/codes/" + c.id())
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("CANCELLED")
                    .jsonPath("$.cancelReason")
                    .isEqualTo("change of supplier");
            assertThat(count("SELECT count(*) FROM audit_log WHERE supplier_id = '" + loser.supplierId
                            + "' AND entry LIKE '%code.cancelled%' AND entry LIKE '%" + c.id() + "%'"))
                    .isEqualTo(1);
        }
        get(agent, "/api/v1/codes/" + accepted.id())
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("ACCEPTED");
        assertThat(count("SELECT count(*) FROM outbox_message WHERE kind = 'status' AND status = 'CANCELLED'"
                        + " AND subject_id = '" + issued.id() + "'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_log WHERE entry LIKE '%supply.switched%' AND entry LIKE '%" + id
                        + "%'"))
                .isEqualTo(2);

        // Its open install-code request is cancelled, as the installer sees too.
        get(first.token("agent"), "/api/v1/install-code-requests/" + request)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("CANCELLED")
                .jsonPath("$.closedReason")
                .isEqualTo("change of supplier");

        // Neither supplier can make codes now; the gaining one can once its credentials are on the meter.
        problem(issue(agent, meter, "top-up", Map.of("amount", "1.00")), 409, "supply-ended");
        problem(
                issue(gainer.token("agent"), meter, "top-up", Map.of("amount", "1.00")),
                409,
                "credentials-not-installed");
        problem(
                post(gainer.token("supervisor"), "/api/v1/codes/" + pending.id() + "/approve", Map.of()),
                404,
                "not-found");
        post(
                        gainer.token("ops"),
                        "/api/v1/devices/" + meter + "/supplier-credentials",
                        Map.of("reason", "DCC confirmed the credentials"))
                .expectStatus()
                .isOk();
        issue(gainer.token("agent"), meter, "top-up", Map.of("amount", "1.00"))
                .expectStatus()
                .isCreated();

        // The losing supplier still reads its history of the meter.
        get(agent, "/api/v1/meters/" + meter + "/codes")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items.length()")
                .isEqualTo(3);
    }

    @Test
    void aCampaignOfTheLosingSupplierSkipsTheMetersItNoLongerSupplies() {
        Installs.Premises p =
                installs.installed(loser, 1, "PROACTIVE_INSTALL_AND_LEAVE", LocalDate.now(MeterTime.ZONE), true);
        installs.gain(gainer, loser, p);
        // The operations dry run says beforehand what the campaign then does with the blocked meters.
        Map<?, ?> dry = (Map<?, ?>) post(
                        loser.token("ops"),
                        "/api/v1/console/affected",
                        Map.of("area", Map.of("districts", List.of("DH1"))))
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("count");
        Instant from = Instant.now().plus(1, ChronoUnit.HOURS);
        Map<?, ?> notice = post(
                        loser.token("ops"),
                        "/api/v1/notices",
                        Map.of(
                                "title",
                                "Cold weather",
                                "message",
                                "Your supply stays on.",
                                "reason",
                                "Met Office warning",
                                "area",
                                Map.of("districts", List.of("DH1")),
                                "startsAt",
                                from.toString(),
                                "endsAt",
                                from.plus(2, ChronoUnit.DAYS).toString()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(notice).isNotNull();
        assertThat(count("SELECT count(*) FROM campaign_target t JOIN device d ON d.id = t.device_id"
                        + " WHERE d.eui64 = '" + p.meters().get(0) + "' AND t.state = 'FAILED'"
                        + " AND t.error LIKE 'supply ended%'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM code c JOIN device d ON d.id = c.device_id" + " WHERE d.eui64 = '"
                        + p.meters().get(0) + "'"))
                .isZero();
        String campaign = "(SELECT t.campaign_id FROM campaign_target t JOIN device d ON d.id = t.device_id"
                + " WHERE d.eui64 = '" + p.meters().get(0) + "')";
        long blocked = count("SELECT count(*) FROM campaign_target WHERE campaign_id = " + campaign
                + " AND state = 'FAILED' AND (error LIKE 'supply ended%' OR error LIKE 'credentials not installed%')");
        assertThat(blocked).isPositive();
        assertThat(number(dry, "blockedMeters")).isEqualTo(blocked);
        assertThat(number(dry, "meters")).isEqualTo(count("SELECT total FROM campaign WHERE id = " + campaign));
        assertThat(number(dry, "codedMeters") + number(dry, "wanMeters") + number(dry, "blockedMeters"))
                .isEqualTo(number(dry, "meters"));
    }

    private static long number(Map<?, ?> map, String key) {
        return ((Number) map.get(key)).longValue();
    }

    @Test
    void aPremisesSwitchedBackReusesTheEarlierRowsAndWaitsForCredentialsAgain() {
        Installs.Premises p =
                installs.installed(loser, 1, "REACTIVE_INSTALL_AND_LEAVE", LocalDate.now(MeterTime.ZONE), true);
        installs.gain(gainer, loser, p);
        String premisesBefore = db.sql(
                        "SELECT premises_id::text AS p FROM device WHERE supplier_id = :s" + " AND eui64 = :e")
                .bind("s", loser.supplierId)
                .bind("e", p.meters().get(0))
                .map(r -> r.get("p", String.class))
                .one()
                .block();
        Map<?, ?> back = post(loser.token("ops"), SWITCH, body(gainer, p.mpans().get(0), p.accountNumber()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(back.get("direction")).isEqualTo("GAINED");
        assertThat(count("SELECT count(*) FROM device WHERE supplier_id = '" + loser.supplierId + "' AND eui64 = '"
                        + p.meters().get(0) + "' AND premises_id = '" + premisesBefore + "'"))
                .isEqualTo(1);
        problem(
                issue(loser.token("agent"), p.meters().get(0), "top-up", Map.of("amount", "1.00")),
                409,
                "credentials-not-installed");
        problem(
                issue(gainer.token("agent"), p.meters().get(0), "top-up", Map.of("amount", "1.00")),
                409,
                "supply-ended");
        get(loser.token("agent"), "/api/v1/devices/" + p.meters().get(0) + "/commissioning")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.installedByYou")
                .isEqualTo(true)
                .jsonPath("$.yourSupply.status")
                .isEqualTo("CURRENT");
        get(gainer.token("agent"), "/api/v1/devices/" + p.meters().get(0) + "/commissioning")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.yourSupply.status")
                .isEqualTo("ENDED")
                .jsonPath("$.yourSupply.codesBlocked")
                .isEqualTo("SUPPLY_ENDED");
    }

    @Test
    void onlyTheTwoSuppliersSeeASwitchAndOnlyOperationsRecordsOne() {
        Installs.Premises p =
                installs.installed(loser, 1, "PROACTIVE_INSTALL_AND_LEAVE", LocalDate.now(MeterTime.ZONE), false);
        String id = (String) installs.gain(gainer, loser, p).get("id");
        problem(get(stranger.token("supervisor"), SWITCH + "/" + id), 404, "not-found");
        get(stranger.token("supervisor"), SWITCH)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items.length()")
                .isEqualTo(0);
        get(gainer.token("admin"), SWITCH + "?direction=GAINED")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[?(@.id == '" + id + "')]")
                .exists();
        get(loser.token("admin"), SWITCH + "?direction=GAINED")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[?(@.id == '" + id + "')]")
                .doesNotExist();
        for (String role : List.of("agent", "supervisor", "admin", "customer1")) {
            problem(post(gainer.token(role), SWITCH, body(loser, p.mpans().get(0), "X-1")), 403, "forbidden");
        }
        problem(get(gainer.token("agent"), SWITCH), 403, "forbidden");
        problem(
                get(gainer.token("customer1"), "/api/v1/devices/" + p.meters().get(0) + "/commissioning"),
                403,
                "forbidden");
        problem(
                get(stranger.token("agent"), "/api/v1/devices/" + p.meters().get(0) + "/commissioning"),
                404,
                "not-found");
    }

    @Test
    void aSwitchThatCannotBeTrueIsRefusedAndChangesNothing() {
        Installs.Premises p =
                installs.installed(loser, 2, "PROACTIVE_INSTALL_AND_LEAVE", LocalDate.now(MeterTime.ZONE), false);
        Installs.Premises other =
                installs.installed(loser, 1, "PROACTIVE_INSTALL_AND_LEAVE", LocalDate.now(MeterTime.ZONE), false);
        String ops = gainer.token("ops");
        String today = LocalDate.now(MeterTime.ZONE).toString();
        problem(post(ops, SWITCH, body(stranger, p.mpans().get(0), "X-2")), 404, "not-found");
        problem(
                post(
                        ops,
                        SWITCH,
                        Map.of(
                                "losingSupplier",
                                "nobody",
                                "mpxns",
                                List.of(p.mpans().get(0)),
                                "effectiveOn",
                                today,
                                "account",
                                Map.of("accountNumber", "X-3", "name", "N"))),
                400,
                "validation");
        problem(post(ops, SWITCH, body(gainer, p.mpans().get(0), "X-4")), 400, "validation");
        problem(
                post(
                        ops,
                        SWITCH,
                        Map.of(
                                "losingSupplier",
                                loser.code,
                                "mpxns",
                                List.of(p.mpans().get(0)),
                                "effectiveOn",
                                LocalDate.now(MeterTime.ZONE).plusDays(2).toString(),
                                "account",
                                Map.of("accountNumber", "X-5", "name", "N"))),
                400,
                "validation");
        problem(
                post(
                        ops,
                        SWITCH,
                        Map.of(
                                "losingSupplier",
                                loser.code,
                                "mpxns",
                                List.of(p.mpans().get(0), other.mpans().get(0)),
                                "effectiveOn",
                                today,
                                "account",
                                Map.of("accountNumber", "X-6", "name", "N"))),
                400,
                "validation");
        problem(
                post(
                        ops,
                        SWITCH,
                        Map.of(
                                "losingSupplier",
                                loser.code,
                                "mpxns",
                                List.of("1234567890123"),
                                "effectiveOn",
                                today,
                                "account",
                                Map.of("accountNumber", "X-7", "name", "N"))),
                400,
                "invalid-mpan");
        problem(
                post(
                        ops,
                        SWITCH,
                        Map.of(
                                "losingSupplier",
                                loser.code,
                                "mpxns",
                                List.of(p.mpans().get(0)),
                                "effectiveOn",
                                today,
                                "account",
                                Map.of("accountNumber", "no-such-account"))),
                400,
                "validation");
        assertThat(count("SELECT count(*) FROM supply_switch")).isGreaterThanOrEqualTo(0);
        assertThat(count("SELECT count(*) FROM premises WHERE supply_ended_at IS NOT NULL AND supplier_id = '"
                        + loser.supplierId + "' AND id IN (SELECT premises_id FROM device WHERE eui64 = '"
                        + p.meters().get(0) + "')"))
                .isZero();

        // Both MPANs of one premises are fine; the same premises cannot be switched away twice.
        post(
                        ops,
                        SWITCH,
                        Map.of(
                                "losingSupplier",
                                loser.code,
                                "mpxns",
                                p.mpans(),
                                "effectiveOn",
                                today,
                                "account",
                                Map.of("accountNumber", "X-8", "name", "N")))
                .expectStatus()
                .isCreated();
        problem(post(stranger.token("ops"), SWITCH, body(loser, p.mpans().get(1), "S-1")), 409, "supply-ended");
    }
}
