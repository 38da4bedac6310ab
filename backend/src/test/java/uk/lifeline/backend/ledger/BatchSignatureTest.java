package uk.lifeline.backend.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import uk.lifeline.backend.problem.IdempotencyKeys;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.SignedEnvelope;
import uk.lifeline.backend.testing.Tenant;

/** The codes of one issuing batch share one signature, and each envelope still verifies on its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchSignatureTest extends BackendTest {

    private Tenant t;

    @BeforeAll
    void tenant() {
        t = tenant("batchsig");
    }

    @Test
    void codesIssuedTogetherShareOneSignatureAndEachEnvelopeStandsAlone() throws Exception {
        WebClient client =
                WebClient.builder().baseUrl("http://localhost:" + port).build();
        String agent = t.token("agent");
        List<CodeView> codes = Flux.range(0, 40)
                .flatMap(
                        i -> client.post()
                                .uri("/api/v1/meters/{m}/codes", i % 2 == 0 ? t.meter1 : t.gas1)
                                .headers(h -> h.setBearerAuth(agent))
                                .header(
                                        IdempotencyKeys.HEADER,
                                        UUID.randomUUID().toString())
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(Map.of(
                                        "command", "top-up", "parameters", Map.of("amount", "1.00"), "reason", "load"))
                                .retrieve()
                                .bodyToMono(CodeView.class),
                        40)
                .collectList()
                .block();
        JWKSet published = JWKSet.parse(get(null, "/.well-known/jwks.json")
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());

        for (CodeView code : codes) {
            SignedEnvelope envelope = SignedEnvelope.parse(code.envelope());
            assertThat(envelope.type()).isEqualTo("lifeline-code+jwt");
            assertThat(envelope.verify(published.getKeyByKeyId(envelope.keyId()).toECKey()))
                    .isTrue();
            assertThat(envelope.claims().getJWTID()).isEqualTo(code.id().toString());
            assertThat(envelope.claims().getLongClaim("counter")).isEqualTo(code.counter());
        }
        // Each signed root names as many leaves as codes carry it: one signature per batch, not per code.
        Map<String, List<CodeView>> byBatch = codes.stream().collect(Collectors.groupingBy(c -> c.envelope()
                .substring(c.envelope().lastIndexOf('~') + 1)));
        assertThat(byBatch.size()).as("batches").isLessThan(codes.size());
        for (Map.Entry<String, List<CodeView>> batch : byBatch.entrySet()) {
            SignedJWT root = SignedJWT.parse(batch.getKey());
            assertThat(root.getJWTClaimsSet().getLongClaim("size"))
                    .isEqualTo(batch.getValue().size());
            assertThat(root.getJWTClaimsSet().getIssuer()).isEqualTo(t.code);
        }
        assertThat(IntStream.range(0, codes.size()).mapToObj(i -> codes.get(i).envelope()))
                .doesNotHaveDuplicates();
    }
}
