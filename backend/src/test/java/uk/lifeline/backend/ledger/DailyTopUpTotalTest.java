package uk.lifeline.backend.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;

/**
 * The daily limit reads today's top-ups from the meter's counter row (V30), not by adding up the day's codes: the
 * kept sum must equal that count through every change a code can go through, and a sum kept from another day is
 * never used.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DailyTopUpTotalTest extends BackendTest {

    @Autowired
    ExpirySweeper sweeper;

    private Tenant t;

    @BeforeAll
    void tenant() {
        t = tenant("daytotal");
    }

    /** The counter row's kept sum and the same sum counted from the codes, in pence. */
    private long[] keptAndCounted(String meter) {
        return db.sql("""
                        SELECT k.topups_pence AS kept, (
                          SELECT coalesce(sum(c.amount_pence), 0) FROM code c
                          WHERE c.supplier_id = k.supplier_id AND c.device_id = k.device_id
                            AND c.issued_at >= k.topups_since AND c.amount_pence IS NOT NULL
                            AND c.status IN (%s)) AS counted
                        FROM code_counter k JOIN device d ON d.supplier_id = k.supplier_id AND d.id = k.device_id
                        WHERE d.eui64 = :meter
                        """.formatted(CodeStatus.sql(CodeStatus.COUNTS_TOWARDS_LIMITS)))
                .bind("meter", meter)
                .map(r -> new long[] {r.get("kept", Long.class), r.get("counted", Long.class)})
                .one()
                .block();
    }

    private void assertKept(String meter, long pence) {
        assertThat(keptAndCounted(meter)).containsExactly(pence, pence);
    }

    private CodeView topUp(String token, String meter, String amount) {
        return issue(token, meter, "top-up", Map.of("amount", amount))
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();
    }

    private void post200(String token, UUID code, String action, Map<String, ?> body) {
        post(token, "/api/v1/codes/" + code + "/" + action, body).expectStatus().isOk();
    }

    @Test
    void theKeptSumFollowsEveryWayATopUpIsCountedOrStopsBeingCounted() {
        String agent = t.token("agent");
        String meter = t.gas1;
        CodeView thirty = topUp(agent, meter, "30.00");
        CodeView twenty = topUp(agent, meter, "20.00");
        assertKept(meter, 5000);

        post200(agent, twenty.id(), "cancel", Map.of("reason", "read out wrongly"));
        assertKept(meter, 3000);

        CodeView forty = topUp(agent, meter, "40.00");
        assertKept(meter, 7000);
        db.sql("UPDATE code SET expires_at = now() - interval '1 minute' WHERE id = :id")
                .bind("id", forty.id())
                .fetch()
                .rowsUpdated()
                .block();
        assertThat(sweeper.sweep().block()).isEqualTo(1);
        assertKept(meter, 3000);

        // Still counted: delivered to the app, then accepted by the meter.
        post200(agent, thirty.id(), "result", Map.of("outcome", "ACCEPTED"));
        assertKept(meter, 3000);
        CodeView ten = topUp(agent, meter, "10.00");
        post200(agent, ten.id(), "result", Map.of("outcome", "REJECTED", "reason", "counter-too-old"));
        assertKept(meter, 3000);

        // Held for approval: counted only once released.
        CodeView sixty = topUp(agent, meter, "60.00");
        assertThat(sixty.status()).isEqualTo(CodeStatus.PENDING_APPROVAL);
        assertKept(meter, 3000);
        post200(t.token("supervisor"), sixty.id(), "approve", Map.of());
        assertKept(meter, 9000);

        // The rule reads the kept sum: 90.00 today, so 15.00 more is over the agent's 100.00 a day.
        CodeView over = topUp(agent, meter, "15.00");
        assertThat(over.status()).isEqualTo(CodeStatus.PENDING_APPROVAL);
        assertThat(over.approval().reasons()).anySatisfy(r -> assertThat(r).contains("105.00"));
        assertKept(meter, 9000);
    }

    @Test
    void aSumKeptFromAnotherDayIsCountedAgainNeverUsed() {
        String agent = t.token("agent");
        String meter = t.meter1;
        topUp(agent, meter, "25.00");
        assertKept(meter, 2500);
        // As a row last counted yesterday would be: its sum is of that day, whatever it says.
        db.sql("""
                        UPDATE code_counter SET topups_since = topups_since - interval '1 day', topups_pence = 999999
                        WHERE device_id = (SELECT id FROM device WHERE eui64 = :meter)
                        """).bind("meter", meter).fetch().rowsUpdated().block();

        CodeView next = topUp(agent, meter, "50.00");

        assertThat(next.status()).isEqualTo(CodeStatus.ISSUED);
        assertKept(meter, 7500);
        CodeView over = topUp(agent, meter, "30.00");
        assertThat(over.approval().reasons()).anySatisfy(r -> assertThat(r).contains("105.00"));
    }

    @Test
    void cancellationsRacingNewTopUpsLeaveTheKeptSumExact() {
        String supervisor = t.token("supervisor");
        String meter = t.meter2;
        List<CodeView> first = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            first.add(topUp(supervisor, meter, "1.00"));
        }
        Flux<Object> cancels = Flux.fromIterable(first.subList(0, 5)).flatMap(c -> Mono.fromRunnable(
                        () -> post200(supervisor, c.id(), "cancel", Map.of("reason", "duplicate")))
                .subscribeOn(Schedulers.boundedElastic()));
        Flux<Object> issues = Flux.range(0, 10).flatMap(i -> Mono.fromRunnable(() -> topUp(supervisor, meter, "1.00"))
                .subscribeOn(Schedulers.boundedElastic()));

        Flux.merge(cancels, issues).blockLast();

        assertKept(meter, 1500);
    }

    @Test
    void theDatabasesListOfCountedStatusesIsTheLedgers() {
        for (CodeStatus status : CodeStatus.values()) {
            Boolean counted = db.sql("SELECT code_counts_towards_limits(:s) AS counted")
                    .bind("s", status.name())
                    .map(r -> r.get("counted", Boolean.class))
                    .one()
                    .block();
            assertThat(counted).as(status.name()).isEqualTo(CodeStatus.COUNTS_TOWARDS_LIMITS.contains(status));
        }
    }
}
