package uk.lifeline.backend.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.reactive.TransactionalOperator;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;

/**
 * A dispatcher loop looks again at once only while its claims see more due than a batch takes; a claim that took
 * everything due lets the loop rest until a page, another loop or the poll wakes it, instead of claiming again to
 * find nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import(FakeFcmConfig.class)
class DispatcherRestTest extends BackendTest {

    private static final int BATCH = 5;

    @Autowired
    FakeFcmConfig.Recording gateway;

    @Autowired
    Dispatcher application;

    @Autowired
    Outbox outbox;

    @Autowired
    Clock clock;

    @Autowired
    TransactionalOperator tx;

    private Tenant t;

    @BeforeAll
    void tenant() {
        // Only this test's dispatcher claims: the application's loops would race it for the same deliveries.
        application.stop();
        t = tenant("rest");
    }

    private Dispatcher batchesOf(int size) {
        return new Dispatcher(
                db,
                tx,
                gateway,
                new PushProperties(
                        Path.of("unused.json"),
                        null,
                        null,
                        null,
                        size,
                        8,
                        1,
                        Duration.ofMillis(100),
                        Duration.ofMinutes(2),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        3,
                        Duration.ofDays(28)),
                clock);
    }

    /**
     * {@code phones} more phones for the customer, then one message to the customer, which goes to each of their
     * phones: one due delivery per phone.
     */
    private void dueTo(UUID customer, String prefix, int phones) {
        TestPhones.register(db, t.supplierId, customer, prefix, phones);
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        outbox.add(new Outbox.Message(
                        t.supplierId,
                        customer,
                        Outbox.Kind.STATUS,
                        UUID.randomUUID(),
                        "CANCELLED",
                        null,
                        "Title",
                        "Body",
                        false,
                        null,
                        at,
                        at.plus(Duration.ofDays(1))))
                .block();
    }

    @Test
    void aClaimSaysWhetherMoreWasDueThanItTook() {
        dueTo(t.customer1, "claim-more-", BATCH + 2);
        Dispatcher d = batchesOf(BATCH);

        Dispatcher.Claim first = d.claim(clock.instant()).block();
        assertThat(first.claimed()).hasSize(BATCH);
        assertThat(first.more()).isTrue();

        Dispatcher.Claim second = d.claim(clock.instant()).block();
        assertThat(second.claimed()).hasSize(2);
        assertThat(second.more()).isFalse();

        Dispatcher.Claim third = d.claim(clock.instant()).block();
        assertThat(third.claimed()).isEmpty();
        assertThat(third.more()).isFalse();
    }

    @Test
    void theLoopRestsOnceABatchTookEverythingDueAndAStepStillCountsWhatItSent() {
        dueTo(t.customer2, "loop-rest-", BATCH + 2);
        Dispatcher d = batchesOf(BATCH);
        int before = gateway.batches.size();

        // A full batch with more due: look again at once.
        assertThat(d.work().block()).isEqualTo(BATCH);
        // The rest, and nothing beyond: sent, and the loop is told to rest.
        assertThat(d.work().block()).isZero();
        assertThat(gateway.batches.subList(before, gateway.batches.size())).containsExactly(BATCH, 2);

        // A step called by hand still says how many it sent, the last batch too.
        dueTo(t.customer2, "step-count-", 0);
        assertThat(d.step().block()).isEqualTo(BATCH);
        assertThat(d.step().block()).isEqualTo(2);
        assertThat(d.step().block()).isZero();
    }

    @Test
    void aClaimTakesABatchOfMessagesSoACampaignsNoticeAndCodeForEachPhoneAreClaimedAtOnce() {
        campaignPageToPhones("rest-page", "envelope", "envelope");
        Dispatcher d = batchesOf(BATCH);

        // BATCH phones, each a code and a notice: 2 x BATCH deliveries, BATCH FCM messages, one claim.
        Dispatcher.Claim claim = d.claim(clock.instant()).block();
        assertThat(claim.claimed()).hasSize(2 * BATCH);
        assertThat(Dispatcher.coalesce(claim.claimed()).pushes()).hasSize(BATCH);
        // Two deliveries a phone: the next claim reads twice as many due deliveries to find a batch of phones.
        assertThat(d.scanAfter(claim.claimed())).isEqualTo(2 * BATCH + 1);
        Dispatcher.Claim next = d.claim(clock.instant()).block();
        assertThat(next.claimed()).isEmpty();
        assertThat(next.more()).isFalse();
    }

    @Test
    void aClaimOfOneDeliveryAPhoneReadsOneBatchOfDueDeliveriesNext() {
        dueTo(t.customer2, "scan-", BATCH);
        Dispatcher d = batchesOf(BATCH);
        Dispatcher.Claim claim = d.claim(clock.instant()).block();
        assertThat(claim.claimed()).isNotEmpty();
        assertThat(d.scanAfter(claim.claimed())).isEqualTo(BATCH + 1);
        while (!d.claim(clock.instant()).block().claimed().isEmpty()) {
            // until nothing is due
        }
    }

    @Test
    void noticesTooLongToCarryTheirCodesGoApartAndNoFcmCallTakesMoreThanABatch() {
        // Each fits in an FCM message on its own, not the two together.
        campaignPageToPhones("rest-long", "1".repeat(2500), "2".repeat(2500));
        Dispatcher d = batchesOf(BATCH);
        int before = gateway.batches.size();

        assertThat(d.step().block()).isEqualTo(2 * BATCH);
        assertThat(gateway.batches.subList(before, gateway.batches.size())).containsExactly(BATCH, BATCH);
        assertThat(d.step().block()).isZero();
    }

    /** A new supplier's customer with {@code BATCH} phones, and a campaign's code and notice to each of them. */
    private void campaignPageToPhones(String tag, String codeEnvelope, String noticeEnvelope) {
        Tenant page = tenant(tag);
        TestPhones.register(db, page.supplierId, page.customer1, tag + "-", BATCH);
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        TestMessages.campaignPage(outbox, page, page.customer1, UUID.randomUUID(), at, codeEnvelope, noticeEnvelope);
    }
}
