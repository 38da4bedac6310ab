package uk.lifeline.backend.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import uk.lifeline.backend.problem.IdempotencyKeys;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;
import uk.lifeline.command.TopUp;
import uk.lifeline.meter.EntryResult;
import uk.lifeline.meter.ReferenceMeterDecoder;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentIssuingTest extends BackendTest {

    private Tenant t;
    private WebClient client;

    @BeforeAll
    void tenant() {
        t = tenant("busy");
        client = WebClient.builder().baseUrl("http://localhost:" + port).build();
    }

    private Flux<CodeView> issueAll(String token, List<String> keys) {
        return Flux.fromIterable(keys).flatMap(key -> client.post().uri("/api/v1/meters/{m}/codes", t.meter1)
                .headers(h -> h.setBearerAuth(token)).header(IdempotencyKeys.HEADER, key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("command", "top-up", "parameters", Map.of("amount", "1.00"), "reason", "load"))
                .retrieve().bodyToMono(CodeView.class), keys.size());
    }

    @Test
    void fiftyConcurrentIssuesForOneMeterGetFiftyDistinctConsecutiveCountersAndValidCodes() {
        String agent = t.token("agent");
        List<String> keys = LongStream.range(0, 50).mapToObj(i -> UUID.randomUUID().toString()).toList();

        List<CodeView> codes = issueAll(agent, keys).collectList().block();

        assertThat(codes).hasSize(50).allSatisfy(c -> assertThat(c.status()).isEqualTo(CodeStatus.ISSUED));
        assertThat(codes).extracting(CodeView::counter).containsExactlyInAnyOrderElementsOf(
                LongStream.rangeClosed(1, 50).boxed().toList());
        ReferenceMeterDecoder meter = t.meter(t.meter1);
        codes.stream().sorted(Comparator.comparingLong(CodeView::counter)).forEach(code ->
                assertThat(meter.enterCode(code.digits().get(0)))
                        .isEqualTo(new EntryResult.Accepted(new TopUp(100), code.counter())));
        assertThat(count("SELECT count(*) FROM audit_log")).isEqualTo(50);
        assertThat(get(t.token("ops"), "/api/v1/audit/verify").expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody()).containsEntry("intact", true);
    }

    @Test
    void tenConcurrentRetriesWithOneKeyIssueOneCode() {
        String agent = t.token("agent2");
        String key = UUID.randomUUID().toString();
        long before = count("SELECT count(*) FROM code");

        List<CodeView> answers = issueAll(agent, java.util.Collections.nCopies(10, key)).collectList().block();

        assertThat(answers).hasSize(10).extracting(CodeView::id).containsOnly(answers.get(0).id());
        assertThat(count("SELECT count(*) FROM code")).isEqualTo(before + 1);
    }
}
