package uk.lifeline.backend.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import uk.lifeline.backend.ledger.CodeStatus;
import uk.lifeline.backend.ledger.CodeView;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.SignedEnvelope;
import uk.lifeline.backend.testing.Tenant;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.command.Parameters;
import uk.lifeline.command.TopUp;
import uk.lifeline.meter.EntryResult;
import uk.lifeline.meter.ReferenceMeterDecoder;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IssuingEndToEndTest extends BackendTest {

    private Tenant t;

    @BeforeAll
    void tenant() {
        t = tenant("bright");
    }

    @Test
    void agentIssuesATopUpThatTheMeterAcceptsWithASignedEnvelope() throws Exception {
        String agent = t.token("agent");

        CodeView code = issue(agent, t.meter1, "top-up", Map.of("amount", "20.00"))
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueMatches("Location", "/api/v1/codes/[0-9a-f-]{36}")
                .expectHeader()
                .contentType("application/json")
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();

        assertThat(code.status()).isEqualTo(CodeStatus.ISSUED);
        assertThat(code.counter()).isEqualTo(1);
        assertThat(code.blocks()).isEqualTo(1);
        assertThat(code.digits()).singleElement().asString().matches("\\d{4}( \\d{4}){4}");
        assertThat(code.meterId()).isEqualTo(t.meter1);
        assertThat(code.customerId()).isEqualTo(t.customer1);
        assertThat(Duration.between(code.issuedAt(), code.expiresAt())).isEqualTo(Duration.ofDays(30));
        assertThat(code.issuedAt())
                .isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));

        EntryResult result = t.meter(t.meter1).enterCode(code.digits().get(0));
        assertThat(result).isEqualTo(new EntryResult.Accepted(new TopUp(2000), 1));

        SignedEnvelope envelope = SignedEnvelope.parse(code.envelope());
        assertThat(envelope.type()).isEqualTo("lifeline-code+jwt");
        String jwks = get(null, "/.well-known/jwks.json")
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("application/jwk-set+json")
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(jwks).doesNotContain("\"d\"");
        ECKey key = JWKSet.parse(jwks).getKeyByKeyId(envelope.keyId()).toECKey();
        assertThat(envelope.verify(key)).isTrue();
        assertThat(envelope.claims().getJWTID()).isEqualTo(code.id().toString());
        assertThat(envelope.claims().getSubject()).isEqualTo(t.meter1);
        assertThat(envelope.claims().getStringClaim("customer")).isEqualTo(t.customer1.toString());
        assertThat(envelope.claims().getLongClaim("counter")).isEqualTo(1L);
        assertThat(envelope.claims().getStringListClaim("blocks"))
                .containsExactly(code.digits().get(0).replace(" ", ""));

        assertThat(count("SELECT count(*) FROM code")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_log WHERE entry::jsonb ->> 'action' = 'code.issued'"
                        + " AND entry::jsonb ->> 'subject' = 'code:" + code.id() + "'"))
                .isEqualTo(1);
        CodeView again = get(agent, "/api/v1/codes/" + code.id())
                .expectStatus()
                .isOk()
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();
        assertThat(again).isEqualTo(code);
    }

    @Test
    void everyCommandGivesACodeTheMeterAcceptsOnceReleased() {
        String supervisor = t.token("supervisor");
        String second = t.token("supervisor2");
        ReferenceMeterDecoder meter = t.meter(t.meter2);
        Instant soon = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        List<List<String>> commands = List.of(
                List.of("top-up", "amount=12.34"),
                List.of("top-up", "amount=150"),
                List.of("deduct-credit", "amount=5.00"),
                List.of("set-credit", "balance=20.00"),
                List.of("add-debt", "register=time-based-1", "amount=120.00"),
                List.of("deduct-debt", "register=time-based-1", "amount=20.00"),
                List.of("set-debt", "register=payment-based", "amount=300.00", "percent=25"),
                List.of("change-price", "unit-rate=24.862", "standing-charge=60.97"),
                List.of(
                        "change-time-of-use-price",
                        "peak-rate=27.03",
                        "off-peak-rate=12.5",
                        "off-peak-start=23:30",
                        "off-peak-end=06:30",
                        "standing-charge=53.35"),
                List.of(
                        "set-friendly-credit-period",
                        "slot=1",
                        "start=16:00",
                        "end=10:00",
                        "days=all",
                        "bank-holidays=true"),
                List.of("set-non-disconnect-period", "start=" + soon, "end=" + soon.plus(Duration.ofDays(3))),
                List.of("open-han", "device=ppmid", "minutes=60"),
                List.of("change-mode", "mode=prepayment"),
                List.of("revert-to-default"));
        long counter = 0;
        for (List<String> command : commands) {
            Map<String, String> parameters = new LinkedHashMap<>();
            command.subList(1, command.size()).forEach(p -> parameters.put(p.split("=")[0], p.split("=", 2)[1]));
            CodeView code = issue(supervisor, t.meter2, command.get(0), parameters)
                    .expectBody(CodeView.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(code.counter()).as(command.get(0)).isEqualTo(++counter);
            if (code.status() == CodeStatus.PENDING_APPROVAL) {
                assertThat(code.digits()).isNull();
                code = post(second, "/api/v1/codes/" + code.id() + "/approve", Map.of())
                        .expectStatus()
                        .isOk()
                        .expectBody(CodeView.class)
                        .returnResult()
                        .getResponseBody();
            }
            assertThat(code.status()).isEqualTo(CodeStatus.ISSUED);
            MeterCommand expected = MeterCommand.parse(command.get(0), Parameters.of(parameters));
            assertThat(code.blocks()).isEqualTo(expected.type().blocks());
            EntryResult result = meter.enterCode(String.join("", code.digits()));
            assertThat(result).as(command.get(0)).isEqualTo(new EntryResult.Accepted(expected, counter));
        }
    }
}
