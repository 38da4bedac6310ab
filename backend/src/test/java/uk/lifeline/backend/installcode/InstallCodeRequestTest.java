package uk.lifeline.backend.installcode;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.lifeline.backend.testing.ProblemAssert.problem;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Installs;
import uk.lifeline.backend.testing.MovableClock;
import uk.lifeline.backend.testing.Tenant;
import uk.lifeline.calendar.MeterTime;

/**
 * Install-code requests between suppliers on the real backend and PostgreSQL: a gaining supplier asks the
 * installing supplier, due ten England-and-Wales working days later; answers, overdue lists, escalation, the
 * in-time report; who may see and do what.
 */
@Import(MovableClock.Config.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstallCodeRequestTest extends BackendTest {

    private static final String REQUESTS = "/api/v1/install-code-requests";

    @Autowired
    MovableClock clock;

    private Installs installs;
    private Tenant installer;
    private Tenant gainer;
    private Tenant stranger;
    private String gainerAgent;
    private String gainerSupervisor;
    private String installerAgent;
    private String installerSupervisor;
    private String installerOps;
    private String strangerAgent;
    private String strangerSupervisor;

    @BeforeAll
    void suppliers() {
        installs = new Installs(seed, http);
        installer = tenant("installer");
        gainer = tenant("gainer");
        stranger = tenant("stranger");
        gainerAgent = gainer.token("agent");
        gainerSupervisor = gainer.token("supervisor");
        installerAgent = installer.token("agent");
        installerSupervisor = installer.token("supervisor");
        installerOps = installer.token("ops");
        strangerAgent = stranger.token("agent");
        strangerSupervisor = stranger.token("supervisor");
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** A premises the installer installed (with records and codes) and the gainer then gained. */
    private Installs.Premises gained(int meters) {
        Installs.Premises p = installs.installed(
                installer,
                meters,
                "PROACTIVE_INSTALL_AND_LEAVE",
                LocalDate.now(MeterTime.ZONE).minusDays(100),
                true);
        installs.gain(gainer, installer, p);
        return p;
    }

    private Map<?, ?> raise(String token, Map<String, ?> body) {
        return post(token, REQUESTS, body)
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private WebTestClient.ResponseSpec bulk(String token, String csv, boolean keepValid) {
        return http.post()
                .uri(REQUESTS + "/bulk?keepValidRows=" + keepValid)
                .headers(h -> h.setBearerAuth(token))
                .contentType(new MediaType("text", "csv"))
                .bodyValue(csv)
                .exchange();
    }

    @Test
    void aGainingSupplierAsksTheInstallingSupplierAndGetsTheCodeWhichOnlyItsAuthorisedStaffCanReveal() {
        Installs.Premises p = gained(1);
        String meter = p.meters().get(0);
        Map<?, ?> request = raise(gainerAgent, Map.of("deviceId", meter.toLowerCase(), "note", "gained last week"));
        assertThat(request.get("status")).isEqualTo("OPEN");
        assertThat(request.get("direction")).isEqualTo("RAISED");
        assertThat(request.get("routedTo")).isEqualTo("INSTALLING_SUPPLIER");
        assertThat(request.get("responder")).isEqualTo(Map.of("code", "installer", "name", "Supplier installer"));
        assertThat(request.get("mpxn")).isEqualTo(p.mpans().get(0));
        assertThat(request.get("installCodeAvailable")).isEqualTo(false);
        String id = (String) request.get("id");

        // The installer sees it as owed; an agent answers by releasing the code it holds, without seeing it.
        get(installerAgent, REQUESTS + "?direction=OWED&status=OPEN")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[?(@.id == '" + id + "')].direction")
                .isEqualTo(List.of("OWED"));
        Map<?, ?> answered = post(
                        installerAgent,
                        REQUESTS + "/" + id + "/answer",
                        Map.of("outcome", "RELEASED", "note", "from our install records"))
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(answered.get("status")).isEqualTo("RELEASED");
        assertThat(answered.get("answeredInTime")).isEqualTo(true);
        assertThat(answered.toString())
                .doesNotContain(p.codes().get(meter).replace(" ", "").substring(0, 8));
        get(gainerAgent, REQUESTS + "/" + id)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.installCodeAvailable")
                .isEqualTo(true);

        // Only supervisors and operations reveal; an agent cannot; another supplier cannot even see it.
        String reveal = "/api/v1/devices/" + meter + "/install-code/reveal";
        Map<String, String> why = Map.of("reason", "commissioning: HAN join");
        problem(post(gainerAgent, reveal, why), 403, "forbidden");
        problem(post(strangerSupervisor, reveal, why), 404, "not-found");
        post(gainerSupervisor, reveal, why)
                .expectStatus()
                .isOk()
                .expectHeader()
                .cacheControl(org.springframework.http.CacheControl.noStore())
                .expectBody()
                .jsonPath("$.installCode")
                .isEqualTo(p.codes().get(meter));
        assertThat(count("SELECT count(*) FROM audit_log WHERE entry LIKE '%install-code.revealed%'"
                        + " AND supplier_id = '" + gainer.supplierId + "'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_log WHERE entry LIKE '%install-code.revealed%'"
                        + " AND supplier_id = '" + installer.supplierId + "'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_log WHERE upper(replace(entry, ' ', '')) LIKE '%"
                        + p.codes().get(meter).replace(" ", "") + "%'"))
                .isZero();

        // Answering twice is refused; the requester cannot answer its own request.
        problem(
                post(installerAgent, REQUESTS + "/" + id + "/answer", Map.of("outcome", "NOT_INSTALLING_PARTY")),
                409,
                "already-answered");
        problem(
                post(gainerAgent, REQUESTS + "/" + id + "/answer", Map.of("outcome", "RELEASED")),
                403,
                "not-your-request");
        problem(post(gainerAgent, REQUESTS, Map.of("deviceId", meter)), 409, "code-already-released");
    }

    @Test
    void aRequestIsDueTenWorkingDaysLaterSkippingChristmasBoxingDayAndNewYear() {
        Installs.Premises p = gained(1);
        clock.setLondon(LocalDateTime.of(2025, 12, 19, 16, 30));
        Map<?, ?> request = raise(gainerAgent, Map.of("deviceId", p.meters().get(0)));
        assertThat(request.get("dueOn")).isEqualTo("2026-01-07");
        assertThat(request.get("workingDaysLeft")).isEqualTo(10);
        String id = (String) request.get("id");

        // On Christmas Eve eight working days are left; on the due date none, and it is not yet overdue.
        clock.setLondon(LocalDateTime.of(2025, 12, 24, 9, 0));
        get(gainerAgent, REQUESTS + "/" + id)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.workingDaysLeft")
                .isEqualTo(7)
                .jsonPath("$.overdue")
                .isEqualTo(false);
        clock.setLondon(LocalDateTime.of(2026, 1, 7, 23, 30));
        get(gainerAgent, REQUESTS + "/" + id)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.workingDaysLeft")
                .isEqualTo(0)
                .jsonPath("$.overdue")
                .isEqualTo(false);
        problem(
                post(gainerSupervisor, REQUESTS + "/" + id + "/escalate", Map.of("note", "chased")),
                409,
                "not-overdue");
        post(installerAgent, REQUESTS + "/" + id + "/answer", Map.of("outcome", "RELEASED"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.answeredInTime")
                .isEqualTo(true);
    }

    @Test
    void aRequestRaisedBeforeEasterSkipsGoodFridayAndEasterMondayThenBecomesOverdueAndIsEscalated() {
        Installs.Premises p = gained(1);
        clock.setLondon(LocalDateTime.of(2026, 4, 1, 11, 0));
        String id =
                (String) raise(gainerAgent, Map.of("mpxn", p.mpans().get(0))).get("id");
        get(gainerAgent, REQUESTS + "/" + id).expectBody().jsonPath("$.dueOn").isEqualTo("2026-04-17");

        // The Monday after the due date: one working day late, on both suppliers' escalation lists.
        clock.setLondon(LocalDateTime.of(2026, 4, 20, 9, 0));
        get(gainerSupervisor, REQUESTS + "/overdue")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[?(@.id == '" + id + "')].workingDaysLeft")
                .isEqualTo(List.of(-1))
                .jsonPath("$.items[?(@.id == '" + id + "')].overdue")
                .isEqualTo(List.of(true));
        get(installerSupervisor, REQUESTS + "/overdue")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[?(@.id == '" + id + "')].direction")
                .isEqualTo(List.of("OWED"));
        get(gainerAgent, REQUESTS + "?overdue=true&direction=RAISED")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[?(@.id == '" + id + "')]")
                .exists();
        problem(post(gainerAgent, REQUESTS + "/" + id + "/escalate", Map.of("note", "chased")), 403, "forbidden");
        problem(
                post(installerSupervisor, REQUESTS + "/" + id + "/escalate", Map.of("note", "x")),
                403,
                "not-your-request");
        post(gainerSupervisor, REQUESTS + "/" + id + "/escalate", Map.of("note", "chased by email; escalating"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.escalationNote")
                .isEqualTo("chased by email; escalating");
        assertThat(count("SELECT count(*) FROM audit_log WHERE entry LIKE '%install-code-request.escalated%'"))
                .isEqualTo(2);

        // Answered late; the in-time report counts it so, for both sides.
        post(installerAgent, REQUESTS + "/" + id + "/answer", Map.of("outcome", "RELEASED"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.answeredInTime")
                .isEqualTo(false);
        get(gainerSupervisor, REQUESTS + "/performance?from=2026-04-01&to=2026-04-01")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[0].direction")
                .isEqualTo("RAISED")
                .jsonPath("$.items[0].supplier.code")
                .isEqualTo("installer")
                .jsonPath("$.items[0].requests")
                .isEqualTo(1)
                .jsonPath("$.items[0].answeredLate")
                .isEqualTo(1)
                .jsonPath("$.items[0].answeredInTime")
                .isEqualTo(0);
        get(installerSupervisor, REQUESTS + "/performance?from=2026-04-01&to=2026-04-01")
                .expectBody()
                .jsonPath("$.items[0].direction")
                .isEqualTo("OWED")
                .jsonPath("$.items[0].supplier.code")
                .isEqualTo("gainer");
    }

    @Test
    void aSupplierSeesOnlyRequestsItRaisedOrMustAnswer() {
        Installs.Premises p = gained(1);
        String id = (String)
                raise(gainerAgent, Map.of("deviceId", p.meters().get(0))).get("id");
        for (String path : List.of(REQUESTS + "/" + id, REQUESTS + "/not-a-uuid")) {
            problem(get(strangerAgent, path), 404, "not-found");
        }
        problem(post(strangerAgent, REQUESTS + "/" + id + "/answer", Map.of("outcome", "RELEASED")), 404, "not-found");
        problem(post(strangerAgent, REQUESTS + "/" + id + "/withdraw", Map.of("reason", "x")), 404, "not-found");
        problem(post(strangerSupervisor, REQUESTS + "/" + id + "/escalate", Map.of("note", "x")), 404, "not-found");
        get(strangerAgent, REQUESTS)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(0);
        get(strangerSupervisor, REQUESTS + "/overdue")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items.length()")
                .isEqualTo(0);
        // The stranger cannot ask for the code of a device it does not supply, even knowing its id.
        problem(post(strangerAgent, REQUESTS, Map.of("deviceId", p.meters().get(0))), 404, "not-found");
        // The losing installer no longer supplies the device either: it reveals its own code, it does not ask.
        problem(post(installerAgent, REQUESTS, Map.of("deviceId", p.meters().get(0))), 404, "not-found");
        // The supplier that must answer cannot withdraw; the requester can, once.
        problem(
                post(installerAgent, REQUESTS + "/" + id + "/withdraw", Map.of("reason", "x")),
                403,
                "not-your-request");
        post(gainerAgent, REQUESTS + "/" + id + "/withdraw", Map.of("reason", "raised against the wrong meter"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("WITHDRAWN");
        problem(
                post(gainerAgent, REQUESTS + "/" + id + "/withdraw", Map.of("reason", "again")),
                409,
                "already-answered");
    }

    @Test
    void customersAndWrongRolesAreRefused() {
        for (String name : List.of("customer1", "customer2")) {
            String token = gainer.token(name);
            problem(get(token, REQUESTS), 403, "forbidden");
            problem(post(token, REQUESTS, Map.of("deviceId", gainer.meter1)), 403, "forbidden");
            problem(bulk(token, "deviceId\n" + gainer.meter1 + "\n", false), 403, "forbidden");
            problem(get(token, REQUESTS + "/overdue"), 403, "forbidden");
            problem(
                    post(token, "/api/v1/devices/" + gainer.meter1 + "/install-code/reveal", Map.of("reason", "x")),
                    403,
                    "forbidden");
        }
        problem(post(gainer.token("admin"), REQUESTS, Map.of("deviceId", gainer.meter1)), 403, "forbidden");
        problem(get(gainerAgent, REQUESTS + "/performance"), 403, "forbidden");
        problem(get(gainerAgent, REQUESTS + "/overdue"), 403, "forbidden");
        get(gainer.token("admin"), REQUESTS + "/performance").expectStatus().isOk();
    }

    @Test
    void requestsThatAreNotNeededOrCannotBeRoutedAreRefusedWithTheirReason() {
        // A device the caller installed itself: it reveals its own code.
        Installs.Premises own = installs.installed(gainer, 1, "PARTIAL_INSTALL", LocalDate.now(MeterTime.ZONE), true);
        problem(post(gainerAgent, REQUESTS, Map.of("deviceId", own.meters().get(0))), 409, "own-install");
        // A device with no commissioning record at a premises not gained through Lifeline: nobody to ask.
        problem(post(gainerAgent, REQUESTS, Map.of("deviceId", gainer.meter2)), 409, "installer-unknown");
        // A commissioned device needs no install code.
        Installs.Premises p = gained(1);
        problem(
                post(installerOps, "/api/v1/devices/" + p.ppmid() + "/commissioning/commissioned", Map.of()),
                409,
                "supply-ended");
        post(gainer.token("ops"), "/api/v1/devices/" + p.ppmid() + "/commissioning/commissioned", Map.of())
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.state")
                .isEqualTo("COMMISSIONED");
        problem(post(gainerAgent, REQUESTS, Map.of("deviceId", p.ppmid())), 409, "already-commissioned");
        // One open request per device.
        raise(gainerAgent, Map.of("deviceId", p.meters().get(0)));
        problem(post(gainerAgent, REQUESTS, Map.of("mpxn", p.mpans().get(0))), 409, "already-requested");
        // Malformed ids and supply point numbers.
        problem(post(gainerAgent, REQUESTS, Map.of("mpxn", "1234567890123")), 400, "invalid-mpan");
        problem(post(gainerAgent, REQUESTS, Map.of("deviceId", "not-an-eui")), 400, "validation");
        problem(post(gainerAgent, REQUESTS, Map.of("note", "neither")), 400, "validation");
        problem(
                        post(
                                gainerAgent,
                                REQUESTS,
                                Map.of(
                                        "deviceId",
                                        p.meters().get(0),
                                        "mpxn",
                                        own.mpans().get(0))),
                        400,
                        "validation")
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).contains("is not"));
    }

    @Test
    void withNoCommissioningRecordTheRequestGoesToTheLosingSupplierWhichCanSupplyTheCodeOrSayItDidNotInstall() {
        Installs.Premises p =
                installs.installed(installer, 2, "PROACTIVE_INSTALL_AND_LEAVE", LocalDate.now(MeterTime.ZONE), false);
        installs.gain(gainer, installer, p);
        Map<?, ?> first = raise(gainerAgent, Map.of("deviceId", p.meters().get(0)));
        assertThat(first.get("routedTo")).isEqualTo("LOSING_SUPPLIER");
        String firstId = (String) first.get("id");
        String secondId = (String)
                raise(gainerAgent, Map.of("deviceId", p.meters().get(1))).get("id");

        // Releasing with no code held needs the code; a mistyped one is refused.
        problem(
                post(installerAgent, REQUESTS + "/" + firstId + "/answer", Map.of("outcome", "RELEASED")),
                409,
                "no-install-code");
        problem(
                post(
                        installerAgent,
                        REQUESTS + "/" + firstId + "/answer",
                        Map.of("outcome", "RELEASED", "installCode", "83FED3407A939723A5C639B26916D505C3B6")),
                400,
                "invalid-install-code");
        post(
                        installerAgent,
                        REQUESTS + "/" + firstId + "/answer",
                        Map.of("outcome", "RELEASED", "installCode", "83FE D340 7A93 9723 A5C6 39B2 6916 D505 C3B5"))
                .expectStatus()
                .isOk();
        post(
                        gainer.token("ops"),
                        "/api/v1/devices/" + p.meters().get(0) + "/install-code/reveal",
                        Map.of("reason", "commissioning"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.installCode")
                .isEqualTo("83FE D340 7A93 9723 A5C6 39B2 6916 D505 C3B5");
        get(gainerAgent, "/api/v1/devices/" + p.meters().get(0) + "/commissioning")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.installingSupplier.code")
                .isEqualTo("installer")
                .jsonPath("$.installCodeReleasedToYou")
                .isEqualTo(true);

        post(
                        installerAgent,
                        REQUESTS + "/" + secondId + "/answer",
                        Map.of("outcome", "NOT_INSTALLING_PARTY", "note", "an IGT installed this one"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("NOT_INSTALLING_PARTY");
        problem(
                post(
                        gainer.token("ops"),
                        "/api/v1/devices/" + p.meters().get(1) + "/install-code/reveal",
                        Map.of("reason", "x")),
                404,
                "not-found");
    }

    @Test
    void aBulkUploadWithBadRowsCreatesNothingUnlessTheValidRowsAreKept() {
        Installs.Premises p = gained(3);
        String csv = "deviceId,mpxn,note\r\n"
                + p.meters().get(0) + ",,first\r\n"
                + "00DB12345678FFFF,,unknown\r\n"
                + "," + p.mpans().get(0) + ",same meter by MPAN\r\n"
                + "zz,,\r\n"
                + p.meters().get(1) + ",1234567890123,\r\n"
                + "," + p.mpans().get(2) + ",\"quoted, with a comma\"\r\n"
                + "too,many,fields,here\r\n";
        problem(bulk(gainerAgent, csv, false), 422, "bulk-upload-rejected")
                .jsonPath("$.validRows")
                .isEqualTo(2)
                .jsonPath("$.rows.length()")
                .isEqualTo(5)
                .jsonPath("$.rows[0].row")
                .isEqualTo(2)
                .jsonPath("$.rows[0].code")
                .isEqualTo("unknown-device")
                .jsonPath("$.rows[1].row")
                .isEqualTo(3)
                .jsonPath("$.rows[1].code")
                .isEqualTo("duplicate-row")
                .jsonPath("$.rows[2].row")
                .isEqualTo(4)
                .jsonPath("$.rows[2].code")
                .isEqualTo("malformed-row")
                .jsonPath("$.rows[3].row")
                .isEqualTo(5)
                .jsonPath("$.rows[3].code")
                .isEqualTo("malformed-row")
                .jsonPath("$.rows[4].row")
                .isEqualTo(7)
                .jsonPath("$.rows[4].code")
                .isEqualTo("malformed-row");
        assertThat(count("SELECT count(*) FROM install_code_request WHERE eui64 IN ('"
                        + p.meters().get(0) + "', '" + p.meters().get(2) + "')"))
                .isZero();

        Map<?, ?> kept = bulk(gainerAgent, csv, true)
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        List<?> created = (List<?>) kept.get("created");
        assertThat(created).hasSize(2);
        assertThat(((Map<?, ?>) ((Map<?, ?>) created.get(1)).get("request")).get("note"))
                .isEqualTo("quoted, with a comma");
        assertThat((List<?>) kept.get("rejected")).hasSize(5);
        assertThat(count("SELECT count(DISTINCT batch_id) FROM install_code_request WHERE eui64 IN ('"
                        + p.meters().get(0) + "', '" + p.meters().get(2) + "')"))
                .isEqualTo(1);
        get(
                        installerAgent,
                        REQUESTS + "?direction=OWED&status=OPEN&deviceId="
                                + p.meters().get(2))
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1);

        // Uploading the same file again: every row is now already requested (or bad), so nothing is created.
        problem(bulk(gainerAgent, csv, true), 422, "bulk-upload-rejected")
                .jsonPath("$.validRows")
                .isEqualTo(0);
    }

    @Test
    void aFileThatIsNotAnUploadOfDevicesIsRefusedWhole() {
        problem(bulk(gainerAgent, "", false), 400, "malformed-upload");
        problem(bulk(gainerAgent, "meter\n00DB1234567800A1\n", false), 400, "malformed-upload");
        problem(bulk(gainerAgent, "note\nhello\n", false), 400, "malformed-upload");
        problem(bulk(gainerAgent, "deviceId\n", false), 400, "malformed-upload");
        problem(bulk(gainerAgent, "deviceId\n\"unclosed\n", false), 400, "malformed-upload");
        StringBuilder big = new StringBuilder("deviceId\n");
        for (int i = 0; i <= BulkFile.MAX_ROWS; i++) {
            big.append(Installs.randomEui()).append('\n');
        }
        problem(bulk(gainerAgent, big.toString(), false), 400, "malformed-upload");
    }
}
