package uk.lifeline.backend.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import uk.lifeline.backend.keys.KeyPurpose;
import uk.lifeline.backend.ledger.CodeView;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.code.CodeKey;
import uk.lifeline.code.Eui64;
import uk.lifeline.command.TopUp;
import uk.lifeline.meter.DecoderSettings;
import uk.lifeline.meter.EntryResult;
import uk.lifeline.meter.MeterCodeState;
import uk.lifeline.meter.ReferenceMeterDecoder;

/** The README's walkthrough on the demo data: sign in, find Carol, issue, approve, look up, play the meter. */
@TestPropertySource(properties = {"lifeline.demo.enabled=true", "lifeline.demo.bench-meters=3"})
class DemoSeedTest extends BackendTest {

    @Value("${lifeline.demo.meter-keys}")
    Path meterKeys;

    private String token(String username) {
        Map<?, ?> body = http.post()
                .uri("/api/v1/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", "demo-password"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (String) body.get("access_token");
    }

    @Test
    void theDemoDataHasSuppliersStaffCustomersAndMetersWithAndWithoutWan() {
        assertThat(count("SELECT count(*) FROM supplier")).isEqualTo(2);
        assertThat(count("SELECT count(DISTINCT role) FROM app_user")).isEqualTo(5);
        assertThat(count("SELECT count(DISTINCT wan_state) FROM device")).isEqualTo(4);
        assertThat(count("SELECT count(DISTINCT device_type) FROM device")).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM device WHERE eui64 LIKE '00BE%'"))
                .isEqualTo(3);
    }

    @Test
    void anAgentFindsACustomerIssuesAndASupervisorApprovesAsTheReadmeShows() throws Exception {
        String amy = token("amy.agent");
        String meter = "00DB1234567800A1";
        get(amy, "/api/v1/customers?q=ls62ab")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[0].accountNumber")
                .isEqualTo("ACC-100001")
                .jsonPath("$.items[0].premises[0].devices[?(@.meterId == '" + meter + "')].wanState")
                .isEqualTo(List.of("NO_WAN"));

        CodeView topUp = issue(amy, meter, "top-up", Map.of("amount", 10))
                .expectStatus()
                .isCreated()
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();
        CodeView big = issue(amy, meter, "top-up", Map.of("amount", 80))
                .expectStatus()
                .isAccepted()
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();
        CodeView approved = post(token("sam.supervisor"), "/api/v1/codes/" + big.id() + "/approve", Map.of())
                .expectStatus()
                .isOk()
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();

        CodeKey key = CodeKey.agree(
                DemoMeterKeys.load(meterKeys, meter),
                keys.current("bright-energy", KeyPurpose.PREPAYMENT_KA).publicKey(),
                Eui64.parse("1A2B3C4D00000001"),
                Eui64.parse(meter));
        ReferenceMeterDecoder simulated = new ReferenceMeterDecoder(
                key, DecoderSettings.DEFAULTS, MeterCodeState.FACTORY_FRESH, Clock.systemUTC());
        assertThat(simulated.enterCode(topUp.digits().get(0))).isEqualTo(new EntryResult.Accepted(new TopUp(1000), 1));
        assertThat(simulated.enterCode(approved.digits().get(0)))
                .isEqualTo(new EntryResult.Accepted(new TopUp(8000), 2));
        get(token("carol.customer"), "/api/v1/me/codes")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items.length()")
                .isEqualTo(2);
    }
}
