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
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import uk.lifeline.backend.ledger.CodeStatus;
import uk.lifeline.backend.ledger.CodeView;
import uk.lifeline.backend.problem.IdempotencyKeys;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;
import uk.lifeline.command.TopUp;
import uk.lifeline.meter.EntryResult;
import uk.lifeline.meter.ReferenceMeterDecoder;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentIssuingTest extends BackendTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() {};

    private Tenant t;
    private WebClient client;

    @BeforeAll
    void tenant() {
        t = tenant("busy");
        client = WebClient.builder().baseUrl("http://localhost:" + port).build();
    }

    private Flux<CodeView> issueAll(String token, List<String> keys) {
        return Flux.fromIterable(keys)
                .flatMap(
                        key -> client.post()
                                .uri("/api/v1/meters/{m}/codes", t.meter1)
                                .headers(h -> h.setBearerAuth(token))
                                .header(IdempotencyKeys.HEADER, key)
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(Map.of(
                                        "command", "top-up", "parameters", Map.of("amount", "1.00"), "reason", "load"))
                                .retrieve()
                                .bodyToMono(CodeView.class),
                        keys.size());
    }

    /** Sends all at once; each answer as "status" or "status counter" (201 and 202). */
    private List<String> statuses(String token, List<Map.Entry<String, String>> meterAndKey, String amount) {
        return Flux.fromIterable(meterAndKey)
                .flatMap(
                        mk -> client.post()
                                .uri("/api/v1/meters/{m}/codes", mk.getKey())
                                .headers(h -> h.setBearerAuth(token))
                                .header(IdempotencyKeys.HEADER, mk.getValue())
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(Map.of(
                                        "command", "top-up", "parameters", Map.of("amount", amount), "reason", "load"))
                                .exchangeToMono(r -> r.bodyToMono(Map.class)
                                        .map(body -> r.statusCode().value()
                                                + (body.get("counter") == null ? "" : " " + body.get("counter")))),
                        meterAndKey.size())
                .collectList()
                .block();
    }

    private long nextCounter(String meter) {
        return count("SELECT next_counter FROM code_counter c JOIN device d ON d.id = c.device_id WHERE d.eui64 = '"
                + meter + "'");
    }

    /** The largest issuing batch so far, from the registry (metrics are not served to any supplier's role). */
    private double largestBatch() {
        io.micrometer.core.instrument.DistributionSummary batch =
                registry.find("lifeline.codes.batch.size").summary();
        return batch == null ? 0 : batch.max();
    }

    @org.springframework.beans.factory.annotation.Autowired
    private io.micrometer.core.instrument.MeterRegistry registry;

    @Test
    void fiftyConcurrentIssuesForOneMeterGetFiftyDistinctConsecutiveCountersAndValidCodes() {
        String agent = t.token("agent");
        List<String> keys = LongStream.range(0, 50)
                .mapToObj(i -> UUID.randomUUID().toString())
                .toList();
        long entriesBefore = count("SELECT count(*) FROM audit_log");
        long first = nextCounter(t.meter1);

        List<CodeView> codes = issueAll(agent, keys).collectList().block();

        assertThat(codes).hasSize(50).allSatisfy(c -> assertThat(c.status()).isEqualTo(CodeStatus.ISSUED));
        assertThat(codes)
                .extracting(CodeView::counter)
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.range(first, first + 50).boxed().toList());
        ReferenceMeterDecoder meter = t.meter(t.meter1);
        codes.stream().sorted(Comparator.comparingLong(CodeView::counter)).forEach(code -> assertThat(
                        meter.enterCode(code.digits().get(0)))
                .isEqualTo(new EntryResult.Accepted(new TopUp(100), code.counter())));
        assertThat(count("SELECT count(*) FROM audit_log")).isEqualTo(entriesBefore + 50);
        assertAuditIntact();
        assertThat(largestBatch()).as("requests shared a transaction").isGreaterThan(1);
        assertThat(registry.find("lifeline.codes.batch.failures").counter().count())
                .as("no batch fell back to one transaction per request")
                .isZero();
    }

    @Test
    void twoBatchesOfOneSupplierRunTogetherAndEveryMeterStillGetsConsecutiveCountersAndOneAuditChain() {
        List<String> meters = List.of(t.meter1, t.gas1);
        Map<String, Long> first = Map.of(t.meter1, nextCounter(t.meter1), t.gas1, nextCounter(t.gas1));
        List<Map.Entry<String, String>> requests = LongStream.range(0, 120)
                .mapToObj(i ->
                        Map.entry(meters.get((int) (i % 2)), UUID.randomUUID().toString()))
                .toList();

        List<String> answers = statuses(t.token("supervisor"), requests, "1.00");

        assertThat(answers).hasSize(120).allSatisfy(a -> assertThat(a).startsWith("201"));
        for (String meter : meters) {
            List<CodeView> codes = codes(meter, first.get(meter));
            assertThat(codes)
                    .extracting(CodeView::counter)
                    .containsExactlyElementsOf(LongStream.range(first.get(meter), first.get(meter) + 60)
                            .boxed()
                            .toList());
            ReferenceMeterDecoder decoder = t.meter(meter);
            codes.forEach(code -> assertThat(decoder.enterCode(code.digits().get(0)))
                    .isEqualTo(new EntryResult.Accepted(new TopUp(100), code.counter())));
        }
        assertAuditIntact();
        assertThat(registry.find("lifeline.codes.batch.running").summary().max())
                .as("a second batch started while the first ran")
                .isEqualTo(2);
    }

    private void assertAuditIntact() {
        assertThat(get(t.token("ops"), "/api/v1/audit/verify")
                        .expectStatus()
                        .isOk()
                        .expectBody(JSON_OBJECT)
                        .returnResult()
                        .getResponseBody())
                .containsEntry("intact", true);
    }

    /** The meter's codes from this counter on, in counter order, read back through the API. */
    private List<CodeView> codes(String meter, long from) {
        return db
                .sql("SELECT c.id FROM code c JOIN device d ON d.id = c.device_id WHERE d.eui64 = :eui"
                        + " AND c.counter >= :from ORDER BY c.counter")
                .bind("eui", meter)
                .bind("from", from)
                .map(row -> row.get("id", UUID.class))
                .all()
                .collectList()
                .block()
                .stream()
                .map(id -> get(t.token("ops"), "/api/v1/codes/" + id)
                        .expectStatus()
                        .isOk()
                        .expectBody(CodeView.class)
                        .returnResult()
                        .getResponseBody())
                .toList();
    }

    @Test
    void inOneBatchAMeterPastItsCounterWindowIsRefusedAndTheOtherMeterStillGetsConsecutiveCounters() {
        db.sql("UPDATE code_counter SET next_counter = 513 FROM device d WHERE d.id = code_counter.device_id"
                        + " AND d.eui64 = :eui")
                .bind("eui", t.meter2)
                .fetch()
                .rowsUpdated()
                .block();
        List<Map.Entry<String, String>> requests = LongStream.range(0, 20)
                .mapToObj(i -> Map.entry(
                        i % 2 == 0 ? t.meter2 : t.gas1, UUID.randomUUID().toString()))
                .toList();
        long first = nextCounter(t.gas1);

        List<String> answers = statuses(t.token("supervisor"), requests, "1.00");

        assertThat(answers).filteredOn(a -> a.startsWith("409")).hasSize(10);
        assertThat(answers)
                .filteredOn(a -> a.startsWith("201"))
                .extracting(a -> Long.parseLong(a.substring(4)))
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.range(first, first + 10).boxed().toList());
        assertAuditIntact();
    }

    @Test
    void concurrentRequestsWithOneKeyAndDifferentBodiesMakeOneCodeAndTheOthersAre422() {
        String key = UUID.randomUUID().toString();
        long before = count("SELECT count(*) FROM code");
        List<Map.Entry<String, String>> sameKey = java.util.Collections.nCopies(8, Map.entry(t.meter1, key));

        List<String> answers = Flux.merge(
                        Flux.fromIterable(statuses(t.token("agent2"), sameKey, "1.00")),
                        Flux.fromIterable(statuses(t.token("agent2"), sameKey, "2.00")))
                .collectList()
                .block();

        assertThat(count("SELECT count(*) FROM code")).isEqualTo(before + 1);
        assertThat(answers)
                .filteredOn(a -> a.startsWith("201"))
                .hasSize(8)
                .containsOnly(answers.stream()
                        .filter(a -> a.startsWith("201"))
                        .findFirst()
                        .orElseThrow());
        assertThat(answers).filteredOn(a -> a.startsWith("422")).hasSize(8);
    }

    @Test
    void aLimitInOneBatchCountsTheEarlierTopUpsOfTheSameMeter() {
        // An agent may release 100.00 a meter a day; six 20.00 top-ups at once: those that fit are issued, the
        // rest wait for a supervisor, as if they had come one after another.
        long today = count("SELECT coalesce(sum(amount_pence), 0) FROM code c JOIN device d ON d.id = c.device_id"
                + " WHERE d.eui64 = '" + t.gas1 + "' AND c.status = 'ISSUED'");
        long fit = Math.min(6, (10_000 - today) / 2_000);
        List<Map.Entry<String, String>> requests = LongStream.range(0, 6)
                .mapToObj(i -> Map.entry(t.gas1, UUID.randomUUID().toString()))
                .toList();

        List<String> answers = statuses(t.token("agent"), requests, "20.00");

        assertThat(answers).filteredOn(a -> a.startsWith("201")).hasSize((int) fit);
        assertThat(answers).filteredOn(a -> a.startsWith("202")).hasSize(6 - (int) fit);
    }
}
