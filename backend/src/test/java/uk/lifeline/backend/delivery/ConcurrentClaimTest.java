package uk.lifeline.backend.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;

/**
 * Dispatchers claim by phone, concurrently, without a global lock: several dispatchers (as several loops and
 * instances would be) working the same queue at once never send a delivery twice and never split a campaign's
 * notice from its code for the same phone; and a retried pair stays a pair.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import(FakeFcmConfig.class)
class ConcurrentClaimTest extends BackendTest {

    private static final int PHONES_PER_CUSTOMER = 20;
    private static final int CAMPAIGNS = 3;

    @Autowired
    FakeFcm fcm;

    @Autowired
    FakeFcmConfig.Recording gateway;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    Outbox outbox;

    @Autowired
    Clock clock;

    @Autowired
    org.springframework.transaction.reactive.TransactionalOperator tx;

    private Tenant t;

    @BeforeAll
    void tenant() {
        t = tenant("cq");
    }

    /** A dispatcher of its own, as another loop or instance would have: small batches, quick retries. */
    private Dispatcher another() {
        return another(Duration.ofMillis(200));
    }

    private Dispatcher another(Duration firstRetry) {
        PushProperties small = new PushProperties(
                Path.of("unused.json"),
                null,
                null,
                null,
                5,
                8,
                1,
                Duration.ofMillis(100),
                Duration.ofMinutes(2),
                firstRetry,
                firstRetry.multipliedBy(2),
                3,
                Duration.ofDays(28));
        return new Dispatcher(db, tx, gateway, small, clock);
    }

    private void phones(UUID customer, String prefix, int n) {
        TestPhones.register(db, t.supplierId, customer, prefix, n);
    }

    /** A campaign page's messages for a customer: a code and the notice, side by side, in one statement. */
    private void campaignPage(UUID customer, UUID campaign, String tag) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        TestMessages.campaignPage(outbox, t, customer, campaign, at, "code-" + tag, "notice-" + tag);
    }

    private List<FakeFcm.Request> to(String token) {
        return fcm.requests().stream()
                .filter(r -> r.body().contains("\"" + token + "\""))
                .toList();
    }

    @Test
    void dispatchersClaimingAtOnceNeverSendTwiceNorSplitANoticeFromItsCode() throws Exception {
        List<UUID> customers = List.of(t.customer1, t.customer2);
        phones(t.customer1, "cq-a-", PHONES_PER_CUSTOMER);
        phones(t.customer2, "cq-b-", PHONES_PER_CUSTOMER);
        dispatcher.stop();
        List<Dispatcher> dispatchers = List.of(another(), another(), another());
        try {
            for (int c = 0; c < CAMPAIGNS; c++) {
                UUID campaign = UUID.randomUUID();
                for (UUID customer : customers) {
                    campaignPage(customer, campaign, c + "-" + customer);
                }
            }
            Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
            for (UUID customer : customers) {
                outbox.add(TestMessages.message(t, customer, Outbox.Kind.STATUS, UUID.randomUUID(), null, null, at))
                        .block();
            }
            fcm.clear();

            // Two threads per dispatcher, started together, each claiming until nothing is left for it.
            ExecutorService threads = Executors.newFixedThreadPool(6);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Dispatcher d = dispatchers.get(i % dispatchers.size());
                runs.add(threads.submit(() -> {
                    go.await();
                    int claimed = 0;
                    for (int n; (n = d.step().block()) > 0; ) {
                        claimed += n;
                    }
                    return claimed;
                }));
            }
            go.countDown();
            int claimed = 0;
            for (Future<Integer> run : runs) {
                claimed += run.get();
            }
            threads.shutdown();
            // A dispatcher that found every due phone locked by the others stops early; one more pass takes any
            // left over, counted by what each of its steps sent (one step may send a whole batch).
            for (int n; (n = dispatcher.step().block()) > 0; ) {
                claimed += n;
            }

            int phones = 2 * PHONES_PER_CUSTOMER;
            int deliveries = phones * (2 * CAMPAIGNS + 1);
            assertThat(claimed).isGreaterThanOrEqualTo(deliveries - 1);
            assertThat(count("SELECT count(*) FROM push_delivery p JOIN push_device d ON d.id = p.device_id"
                            + " WHERE d.token LIKE 'cq-%' AND p.state = 'SENT' AND p.attempts = 1"))
                    .isEqualTo(deliveries);
            assertThat(count("SELECT count(DISTINCT p.claimed_by) FROM push_delivery p"
                            + " JOIN push_device d ON d.id = p.device_id WHERE d.token LIKE 'cq-%'"))
                    .as("more than one dispatcher claimed")
                    .isGreaterThan(1);
            for (String prefix : List.of("cq-a-", "cq-b-")) {
                for (int i = 1; i <= PHONES_PER_CUSTOMER; i++) {
                    List<FakeFcm.Request> sent = to(prefix + i);
                    // Each campaign's notice carried its code: one message each, and the status on its own.
                    assertThat(sent).hasSize(CAMPAIGNS + 1);
                    assertThat(sent)
                            .filteredOn(r -> r.body().contains("codeEnvelope"))
                            .hasSize(CAMPAIGNS);
                    for (int c = 0; c < CAMPAIGNS; c++) {
                        String tag = c + "-";
                        assertThat(sent)
                                .filteredOn(r -> r.body().contains("\"code-" + tag))
                                .hasSize(1)
                                .allSatisfy(r -> assertThat(r.body()).contains("\"notice-" + tag));
                    }
                }
            }
        } finally {
            dispatcher.start();
        }
    }

    @Test
    void aRetriedNoticeAndItsCodeAreDueTogetherAndGoTogetherAgain() {
        UUID customer = t.customer2;
        phones(customer, "cq-retry-", 1);
        String token = "cq-retry-1";
        fcm.script(
                token, n -> n == 1 ? FakeFcm.error(500, "INTERNAL", "INTERNAL", "oops", null) : FakeFcm.ok(token, n));
        dispatcher.stop();
        Dispatcher d = another(Duration.ofSeconds(2));
        try {
            campaignPage(customer, UUID.randomUUID(), "retry");
            Eventually.until(
                    () -> {
                        d.step().block(); // the first attempt, refused for now
                        return !to(token).isEmpty();
                    },
                    Duration.ofSeconds(30));
            assertThat(to(token)).hasSize(1);
            List<Instant> next = db.sql("SELECT p.next_attempt_at FROM push_delivery p"
                            + " JOIN push_device d ON d.id = p.device_id WHERE d.token = :t AND p.state = 'PENDING'")
                    .bind("t", token)
                    .map(r -> r.get("next_attempt_at", Instant.class))
                    .all()
                    .collectList()
                    .block();
            assertThat(next).hasSize(2);
            assertThat(next.get(0)).isEqualTo(next.get(1));

            Eventually.until(
                    () -> {
                        d.step().block();
                        return count("SELECT count(*) FROM push_delivery p JOIN push_device d"
                                        + " ON d.id = p.device_id WHERE d.token = 'cq-retry-1' AND p.state = 'SENT'")
                                == 2;
                    },
                    Duration.ofSeconds(30));
            assertThat(to(token)).hasSize(2).allSatisfy(r -> assertThat(r.body())
                    .contains("codeEnvelope")
                    .contains("\"code-retry\""));
        } finally {
            dispatcher.start();
        }
    }
}
