package uk.lifeline.backend.commissioning;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.lifeline.backend.testing.ProblemAssert.problem;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;
import uk.lifeline.backend.database.Rows;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Installs;
import uk.lifeline.backend.testing.Tenant;
import uk.lifeline.calendar.MeterTime;

/**
 * Commissioning records on the real backend and PostgreSQL: recorded by the installing supplier only, install
 * codes encrypted at rest and bound to their device, shown only in an audited reveal, never in logs.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(
        properties = {
            "logging.level.uk.lifeline=DEBUG",
            "logging.level.org.springframework.web=DEBUG",
            "logging.level.org.springframework.http.codec=DEBUG",
            "logging.level.org.springframework.core.codec=DEBUG"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommissioningTest extends BackendTest {

    private Installs installs;
    private Tenant installer;
    private Tenant gainer;
    private Tenant stranger;

    @BeforeAll
    void suppliers() {
        installs = new Installs(seed, http);
        installer = tenant("installer");
        gainer = tenant("gainer");
        stranger = tenant("stranger");
    }

    private static String path(String eui) {
        return "/api/v1/devices/" + eui + "/commissioning";
    }

    @Test
    void theInstallerRecordsAnInstallWithItsCodeWhichIsStoredEncryptedAndNeverShownButInAnAuditedReveal(
            CapturedOutput output) {
        String eui = installer.meter1;
        String code = Installs.newCode();
        Map<?, ?> view = installs.put(
                        installer.token("ops"),
                        path(eui),
                        Map.of(
                                "state",
                                "INSTALLED_NOT_COMMISSIONED",
                                "reason",
                                "REACTIVE_INSTALL_AND_LEAVE",
                                "installedOn",
                                "2026-01-12",
                                "installCode",
                                code))
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(view.get("installCodeHeld")).isEqualTo(true);
        assertThat(view.get("installedByYou")).isEqualTo(true);
        assertThat(view.get("deviceType")).isEqualTo("ESME");
        assertThat(view.get("reason")).isEqualTo("REACTIVE_INSTALL_AND_LEAVE");
        assertThat(view.toString()).doesNotContain(code.substring(0, 9));

        byte[] stored = db.sql("SELECT install_code FROM device_commissioning WHERE eui64 = :e")
                .bind("e", eui)
                .map(r -> Rows.bytes(r.get("install_code")))
                .one()
                .block();
        assertThat(java.util.HexFormat.of().withUpperCase().formatHex(stored)).doesNotContain(code.replace(" ", ""));

        String reveal = "/api/v1/devices/" + eui + "/install-code/reveal";
        for (int i = 0; i < 2; i++) {
            post(installer.token("supervisor"), reveal, Map.of("reason", "engineer visit " + i))
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals("Pragma", "no-cache")
                    .expectBody()
                    .jsonPath("$.installCode")
                    .isEqualTo(code)
                    .jsonPath("$.deviceId")
                    .isEqualTo(eui);
        }
        assertThat(count("SELECT count(*) FROM audit_log WHERE supplier_id = '" + installer.supplierId
                        + "' AND entry LIKE '%install-code.revealed%' AND entry LIKE '%engineer visit%'"))
                .isEqualTo(2);
        get(installer.token("supervisor"), "/api/v1/audit/verify")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.intact")
                .isEqualTo(true);
        problem(post(installer.token("supervisor"), reveal, Map.of("reason", " ")), 400, "validation");

        // Nothing the backend logged, at DEBUG for its own code and Spring's web and codecs, holds the code. (The
        // test's own HTTP client logs what it sends, tagged with its request id alone; those lines are left out.)
        String server = output.getAll()
                .lines()
                .filter(line -> !line.matches(".*: \\[[0-9a-f]{1,8}\\] .*"))
                .collect(java.util.stream.Collectors.joining("\n"));
        assertThat(server)
                .contains("Decoded [InstallBody[")
                .contains("Encoding [Revealed[")
                .doesNotContain(code)
                .doesNotContain(code.replace(" ", ""));
    }

    @Test
    void aCodeCopiedOntoAnotherDevicesRecordDoesNotDecrypt() {
        installs.put(
                        installer.token("ops"),
                        path(installer.gas1),
                        Map.of(
                                "state",
                                "INSTALLED_NOT_COMMISSIONED",
                                "reason",
                                "PARTIAL_INSTALL",
                                "installCode",
                                Installs.newCode()))
                .expectStatus()
                .isOk();
        installs.put(
                        installer.token("ops"),
                        path(installer.ppmid1),
                        Map.of(
                                "state",
                                "INSTALLED_NOT_COMMISSIONED",
                                "reason",
                                "PARTIAL_INSTALL",
                                "installCode",
                                Installs.newCode()))
                .expectStatus()
                .isOk();
        db.sql("UPDATE device_commissioning SET (install_code, install_code_kid) = (SELECT install_code,"
                        + " install_code_kid FROM device_commissioning WHERE eui64 = :from) WHERE eui64 = :to")
                .bind("from", installer.gas1)
                .bind("to", installer.ppmid1)
                .fetch()
                .rowsUpdated()
                .block();
        problem(
                post(
                        installer.token("ops"),
                        "/api/v1/devices/" + installer.ppmid1 + "/install-code/reveal",
                        Map.of("reason", "x")),
                500,
                "internal");
        assertThat(count("SELECT count(*) FROM audit_log WHERE entry LIKE '%install-code.revealed%' AND entry LIKE '%"
                        + installer.ppmid1 + "%'"))
                .isZero();
    }

    @Test
    void aMistypedCodeIsRefusedAndNotEchoed() {
        String bad = "83FE D340 7A93 9723 A5C6 39B2 6916 D505 C3B6";
        problem(
                        installs.put(
                                installer.token("ops"),
                                path(installer.meter2),
                                Map.of(
                                        "state",
                                        "INSTALLED_NOT_COMMISSIONED",
                                        "reason",
                                        "PARTIAL_INSTALL",
                                        "installCode",
                                        bad)),
                        400,
                        "invalid-install-code")
                .jsonPath("$.errors[0].field")
                .isEqualTo("installCode")
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).doesNotContain("D340"));
        problem(
                        installs.put(
                                installer.token("ops"),
                                path(installer.meter2),
                                Map.of("state", "INSTALLED_NOT_COMMISSIONED")),
                        400,
                        "validation")
                .jsonPath("$.errors[0].field")
                .isEqualTo("reason");
        problem(
                installs.put(
                        installer.token("ops"),
                        path(installer.meter2),
                        Map.of(
                                "state",
                                "INSTALLED_NOT_COMMISSIONED",
                                "reason",
                                "PARTIAL_INSTALL",
                                "installedOn",
                                LocalDate.now(MeterTime.ZONE).plusDays(3).toString())),
                400,
                "validation");
        assertThat(count("SELECT count(*) FROM device_commissioning WHERE eui64 = '" + installer.meter2 + "'"))
                .isZero();
    }

    @Test
    void onlyTheInstallingSupplierRecordsAnInstallAndOnlyItsAuthorisedStaffReveal() {
        Installs.Premises p = installs.installed(
                installer,
                1,
                "PROACTIVE_INSTALL_AND_LEAVE",
                LocalDate.now(MeterTime.ZONE).minusDays(30),
                true);
        String eui = p.meters().get(0);
        installs.gain(gainer, installer, p);
        Map<String, String> install = Map.of("state", "INSTALLED_NOT_COMMISSIONED", "reason", "PARTIAL_INSTALL");
        problem(installs.put(gainer.token("ops"), path(eui), install), 403, "not-installing-supplier");
        problem(installs.put(stranger.token("ops"), path(eui), install), 404, "not-found");
        problem(installs.put(installer.token("agent"), path(eui), install), 403, "forbidden");
        // The installer's own supply ended: it keeps its record, but records installs only where it supplies.
        problem(installs.put(installer.token("ops"), path(eui), install), 409, "supply-ended");

        String reveal = "/api/v1/devices/" + eui + "/install-code/reveal";
        for (String role : List.of("agent", "admin", "customer1")) {
            problem(post(installer.token(role), reveal, Map.of("reason", "x")), 403, "forbidden");
        }
        problem(post(gainer.token("ops"), reveal, Map.of("reason", "x")), 404, "not-found");
        problem(post(stranger.token("ops"), reveal, Map.of("reason", "x")), 404, "not-found");
        post(installer.token("ops"), reveal, Map.of("reason", "asked by phone"))
                .expectStatus()
                .isOk();

        get(gainer.token("agent"), path(eui))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.installedByYou")
                .isEqualTo(false)
                .jsonPath("$.installCodeReleasedToYou")
                .isEqualTo(false)
                .jsonPath("$.installingSupplier.code")
                .isEqualTo("installer")
                .jsonPath("$.yourSupply.codesBlocked")
                .isEqualTo("AWAITING_CREDENTIALS")
                .jsonPath("$.installCode")
                .doesNotExist();
        problem(get(stranger.token("agent"), path(eui)), 404, "not-found");
        problem(get(stranger.token("agent"), path("not-an-eui")), 404, "not-found");
    }

    @Test
    void commissioningByTheGainingSupplierPutsItsCredentialsOnTheMeterSoItCanIssueCodes() {
        Installs.Premises p = installs.installed(
                installer,
                1,
                "PROACTIVE_INSTALL_AND_LEAVE",
                LocalDate.now(MeterTime.ZONE).minusDays(95),
                true);
        String eui = p.meters().get(0);
        installs.gain(gainer, installer, p);
        problem(
                issue(gainer.token("agent"), eui, "top-up", Map.of("amount", "2.00")),
                409,
                "credentials-not-installed");
        problem(
                post(
                        gainer.token("ops"),
                        path(eui) + "/commissioned",
                        Map.of("commissionedAt", "2099-01-01T00:00:00Z")),
                400,
                "validation");
        post(gainer.token("ops"), path(eui) + "/commissioned", Map.of())
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.state")
                .isEqualTo("COMMISSIONED")
                .jsonPath("$.commissionedBy.code")
                .isEqualTo("gainer")
                .jsonPath("$.yourSupply.codesBlocked")
                .doesNotExist();
        problem(post(gainer.token("ops"), path(eui) + "/commissioned", Map.of()), 409, "already-commissioned");
        issue(gainer.token("agent"), eui, "top-up", Map.of("amount", "2.00"))
                .expectStatus()
                .isCreated();
        assertThat(count("SELECT count(*) FROM device WHERE supplier_id = '" + gainer.supplierId + "' AND eui64 = '"
                        + eui + "' AND wan_state = 'COMMISSIONED_WAN'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_log WHERE entry LIKE '%commissioning.commissioned%' AND entry"
                        + " LIKE '%" + eui + "%'"))
                .isEqualTo(2);
        get(installer.token("agent"), path(eui))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.state")
                .isEqualTo("COMMISSIONED")
                .jsonPath("$.yourSupply.status")
                .isEqualTo("ENDED");
    }
}
