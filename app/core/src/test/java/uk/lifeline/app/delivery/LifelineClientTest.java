package uk.lifeline.app.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.lifeline.app.account.Session;
import uk.lifeline.app.core.AppCore;
import uk.lifeline.app.entry.EntryOutcome;
import uk.lifeline.app.testing.FakeBackend;
import uk.lifeline.app.testing.MemoryStores;
import uk.lifeline.app.testing.TestSupplier;
import uk.lifeline.app.wallet.CodeStatus;
import uk.lifeline.command.TopUp;

/** The client and the round it runs, against docs/app-protocol.md as served by {@link FakeBackend}. */
class LifelineClientTest {

    final TestSupplier supplier = new TestSupplier();
    final FakeBackend backend = new FakeBackend(supplier);
    final Clock clock = Clock.fixed(supplier.now(), ZoneOffset.UTC);
    final MemoryStores stores = new MemoryStores();

    LifelineClientTest() throws java.io.IOException {}

    @AfterEach
    void stop() {
        backend.close();
    }

    AppCore signedIn() throws Exception {
        Session session =
                AppCore.activate(supplier.directory(backend.url()), FakeBackend.ACTIVATION_CODE, "Test phone", clock);
        return new AppCore(session, supplier.directory(backend.url()).first(), stores, stores, stores, stores, clock);
    }

    @Test
    void activationLinksTheAppToTheAccount() throws Exception {
        Session session = signedIn().session();

        assertThat(session.token()).isEqualTo(FakeBackend.TOKEN);
        assertThat(session.customerId()).isEqualTo(TestSupplier.CUSTOMER);
        assertThat(session.supplier()).isEqualTo("demo-energy");
        assertThat(session.supplierName()).isEqualTo("Demo Energy");
        assertThat(session.supplierPhone()).isEqualTo("0800 123 4567");
        assertThat(session.expiresAt()).isEqualTo(supplier.now().plusSeconds(15_552_000));
        assertThat(backend.requests("POST", "/api/v1/activations").get(0).body())
                .isEqualTo(
                        "{\"activationCode\":\"123456789017\",\"deviceName\":\"Test phone\",\"platform\":\"android\"}");
    }

    @Test
    void anActivationForASupplierThisAppDoesNotServeIsRefused() {
        String otherOnly = TestSupplier.configLine(
                "other-energy", "Other Energy", backend.url(), TestSupplier.newKey("other-energy-20260101-c0c0c0c0"));

        assertThatThrownBy(() -> AppCore.activate(
                        uk.lifeline.app.supplier.SupplierDirectory.parse(otherOnly, true),
                        FakeBackend.ACTIVATION_CODE,
                        "p",
                        clock))
                .isInstanceOf(AppCore.NotThisAppsSupplierException.class);
    }

    @Test
    void unlinkingRevokesTheSessionAtTheBackend() throws Exception {
        AppCore core = signedIn();

        core.client().unlink();

        assertThat(backend.revoked()).isTrue();
        assertThat(backend.requests("DELETE", "/api/v1/me/sessions/current")
                        .get(0)
                        .authorization())
                .isEqualTo("Bearer " + FakeBackend.TOKEN);
        assertThatThrownBy(() -> core.sync())
                .isInstanceOfSatisfying(HttpStatusException.class, e -> assertThat(e.isSignedOut())
                        .isTrue());
    }

    @Test
    void aWrongActivationCodeIsTheServersNo() {
        assertThatThrownBy(() -> new LifelineClient(backend.url(), () -> null).activate("999999999992", "p", clock))
                .isInstanceOfSatisfying(
                        HttpStatusException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void aSyncPagesBackOnlyUntilNothingIsNew() throws Exception {
        for (int counter = 1; counter <= 5; counter++) {
            backend.addCode("ISSUED", supplier.envelope(new TopUp(100L * counter), counter));
        }
        AppCore core = signedIn();

        assertThat(core.sync().added()).hasSize(5);
        assertThat(backend.requests("GET", "/api/v1/me/codes")).hasSize(3);
        assertThat(backend.requests("GET", "/api/v1/me/codes").get(0).authorization())
                .isEqualTo("Bearer " + FakeBackend.TOKEN);

        backend.addCode("ISSUED", supplier.envelope(new TopUp(600), 6));
        assertThat(core.sync().added()).extracting(c -> c.counter()).containsExactly(6L);
        assertThat(backend.requests("GET", "/api/v1/me/codes")).hasSize(5);
        assertThat(backend.requests("GET", "/.well-known/lifeline/keys/demo-energy"))
                .hasSize(1);
    }

    @Test
    void aWithheldCodeWaitsAndACancelledOneIsRetired() throws Exception {
        String envelope = supplier.envelope(new TopUp(100), 1);
        backend.addCode("00000000-0000-0000-0000-000000000001", "PENDING_APPROVAL", null);
        AppCore core = signedIn();
        assertThat(core.sync().added()).isEmpty();

        backend.addCode("CANCELLED", envelope);
        Inbox.Report report = core.sync();

        assertThat(report.added()).hasSize(1);
        assertThat(core.wallet().toEnter()).isEmpty();
        assertThat(core.wallet().history()).singleElement().satisfies(c -> assertThat(c.status())
                .isEqualTo(CodeStatus.CANCELLED));
    }

    @Test
    void aForgedCodeInTheListIsCountedAndRefused() throws Exception {
        backend.addCode(
                "00000000-0000-0000-0000-000000000001",
                "ISSUED",
                TestSupplier.sign(
                        supplier.claims(new TopUp(8000), 1).build(),
                        TestSupplier.newKey("demo-energy-20260101-0a1b2c3d"),
                        "lifeline-code+jwt"));

        Inbox.Report report = signedIn().sync();

        assertThat(report.refusedAny()).isTrue();
        assertThat(stores.all()).isEmpty();
    }

    @Test
    void noticesComeWithTheSync() throws Exception {
        backend.addNotice(supplier.notice(supplier.now(), supplier.now().plusSeconds(7200)));

        assertThat(signedIn().sync().notices()).isEqualTo(1);
    }

    @Test
    void aBackendWithoutNoticesStillSyncsCodes() throws Exception {
        backend.withoutNotices();
        backend.addCode("ISSUED", supplier.envelope(new TopUp(100), 1));

        assertThat(signedIn().sync().added()).hasSize(1);
    }

    @Test
    void resultsQueueOfflineAndReachTheBackendInOrder() throws Exception {
        backend.addCode("ISSUED", supplier.envelope(new TopUp(100), 1));
        AppCore core = signedIn();
        core.sync();
        String id = core.wallet().toEnter().get(0).id();
        core.wallet().recordOutcome(id, EntryOutcome.LOCKED);
        core.wallet().recordOutcome(id, EntryOutcome.ACCEPTED);

        backend.answerResultsWith(503);
        assertThat(core.results().send()).isEqualTo(new ResultSender.Round(0, 0, 2));
        backend.answerResultsWith(200);
        assertThat(core.results().send()).isEqualTo(new ResultSender.Round(2, 0, 0));

        assertThat(backend.requests("POST", "/api/v1/codes/" + id + "/result"))
                .extracting(FakeBackend.Request::body)
                .containsExactly(
                        "{\"outcome\":\"REJECTED\",\"reason\":\"locked-out\"}",
                        "{\"outcome\":\"REJECTED\",\"reason\":\"locked-out\"}",
                        "{\"outcome\":\"ACCEPTED\"}");
    }

    @Test
    void eachResultKeepsItsIdAcrossRetriesAndTheSameAnswerTwiceQueuesNothing() throws Exception {
        backend.addCode("ISSUED", supplier.envelope(new TopUp(100), 1));
        AppCore core = signedIn();
        core.sync();
        String id = core.wallet().toEnter().get(0).id();
        core.wallet().recordOutcome(id, EntryOutcome.LOCKED);
        core.wallet().recordOutcome(id, EntryOutcome.LOCKED);
        core.wallet().recordOutcome(id, EntryOutcome.ACCEPTED);
        core.wallet().recordOutcome(id, EntryOutcome.ACCEPTED);
        assertThat(stores.pending()).hasSize(2);

        backend.answerResultsWith(503);
        core.results().send();
        core.results().send();
        backend.answerResultsWith(200);
        core.results().send();

        List<FakeBackend.Request> posts = backend.requests("POST", "/api/v1/codes/" + id + "/result");
        // Twice refused by a busy backend, then sent: the locked-out result three times with one id, then accepted.
        assertThat(posts).extracting(FakeBackend.Request::idempotencyKey).doesNotContainNull();
        assertThat(posts)
                .extracting(FakeBackend.Request::body)
                .containsExactly(
                        "{\"outcome\":\"REJECTED\",\"reason\":\"locked-out\"}",
                        "{\"outcome\":\"REJECTED\",\"reason\":\"locked-out\"}",
                        "{\"outcome\":\"REJECTED\",\"reason\":\"locked-out\"}",
                        "{\"outcome\":\"ACCEPTED\"}");
        assertThat(posts.subList(0, 3))
                .extracting(FakeBackend.Request::idempotencyKey)
                .containsOnly(posts.get(0).idempotencyKey());
        assertThat(posts.get(3).idempotencyKey()).isNotEqualTo(posts.get(0).idempotencyKey());
    }

    @Test
    void aResultTheBackendRefusesForGoodIsDropped() throws Exception {
        stores.add(uk.lifeline.app.wallet.PendingResult.of(
                "00000000-0000-0000-0000-000000000009", EntryOutcome.DUPLICATE, supplier.now()));
        backend.answerResultsWith(409);

        assertThat(signedIn().results().send()).isEqualTo(new ResultSender.Round(0, 1, 0));
    }

    @Test
    void anEndedSessionKeepsTheResultsAndSaysSo() throws Exception {
        stores.add(uk.lifeline.app.wallet.PendingResult.of(
                "00000000-0000-0000-0000-000000000009", EntryOutcome.ACCEPTED, supplier.now()));
        Session expired = new Session(
                backend.url(),
                "old-token",
                supplier.now(),
                TestSupplier.CUSTOMER,
                "demo-energy",
                "Demo Energy",
                "0800 123 4567");
        AppCore core =
                new AppCore(expired, supplier.directory(backend.url()).first(), stores, stores, stores, stores, clock);

        assertThatThrownBy(() -> core.results().send())
                .isInstanceOfSatisfying(HttpStatusException.class, e -> assertThat(e.isSignedOut())
                        .isTrue());
        assertThat(stores.pending()).hasSize(1);
    }

    @Test
    void theStreamDeliversCodesAsTheyAreIssued() throws Exception {
        AppCore core = signedIn();
        String envelope = supplier.envelope(new TopUp(2500), 4);
        backend.streamEvent("id: 17\nevent: code\ndata: {\"id\":\"c4\",\"status\":\"ISSUED\",\"envelope\":\"" + envelope
                + "\"}\n\n");

        try (LifelineClient.EventStream stream = core.client().openStream("16")) {
            ServerSentEvent event = stream.next();
            Inbox.Report report = core.inbox().handle(PushMessage.of(event), Inbox.STREAM);

            assertThat(report.added()).extracting(c -> c.command()).containsExactly(new TopUp(2500));
            assertThat(stream.lastId()).isEqualTo("17");
        }
        assertThat(backend.requests("GET", "/api/v1/me/stream").get(0).lastEventId())
                .isEqualTo("16");
    }

    @Test
    void aCampaignNoticeCarryingItsCodeDeliversBothEachVerified() throws Exception {
        AppCore core = signedIn();
        String code = supplier.envelope(new TopUp(2500), 5);
        String notice = supplier.notice(supplier.now(), supplier.now().plus(java.time.Duration.ofDays(2)));

        Inbox.Report report = core.inbox()
                .handle(
                        PushMessage.parse(java.util.Map.of(
                                "type",
                                "notice",
                                "id",
                                TestSupplier.idOf(notice),
                                "envelope",
                                notice,
                                "codeId",
                                TestSupplier.idOf(code),
                                "codeEnvelope",
                                code,
                                "codeStatus",
                                "ISSUED")),
                        Inbox.PUSH);

        assertThat(report.notices()).isEqualTo(1);
        assertThat(report.added()).extracting(c -> c.command()).containsExactly(new TopUp(2500));
        assertThat(report.refusedAny()).isFalse();
    }

    @Test
    void aForgedCodeInsideANoticeIsRefusedAndTheNoticeStillShown() throws Exception {
        AppCore core = signedIn();
        String forged = TestSupplier.sign(
                supplier.claims(new TopUp(9900), 6).build(),
                TestSupplier.newKey("demo-energy-20260101-0a1b2c3d"),
                uk.lifeline.app.trust.EnvelopeVerifier.CODE_TYPE);
        String notice = supplier.notice(supplier.now(), supplier.now().plus(java.time.Duration.ofDays(2)));

        Inbox.Report report = core.inbox()
                .handle(
                        PushMessage.parse(java.util.Map.of(
                                "type",
                                "notice",
                                "id",
                                TestSupplier.idOf(notice),
                                "envelope",
                                notice,
                                "codeId",
                                TestSupplier.idOf(forged),
                                "codeEnvelope",
                                forged)),
                        Inbox.PUSH);

        assertThat(report.notices()).isEqualTo(1);
        assertThat(report.added()).isEmpty();
        assertThat(report.refused()).isEqualTo(1);
        assertThat(stores.refused()).hasSize(1);
    }

    @Test
    void closingTheStreamFromAnotherThreadEndsItAtTheNextKeepAlive() throws Exception {
        AppCore core = signedIn();
        LifelineClient.EventStream stream = core.client().openStream(null);
        Thread reader = new Thread(() -> {
            try {
                stream.next();
            } catch (java.io.IOException e) {
                // closed under it: expected
            }
        });
        reader.start();
        Thread.sleep(200);

        long start = System.nanoTime();
        stream.close();
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofMillis(100));
        reader.join(5_000);

        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(2));
        assertThat(reader.isAlive()).isFalse();
    }
}
