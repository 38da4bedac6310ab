package uk.lifeline.app.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.lifeline.app.entry.EntryOutcome;
import uk.lifeline.app.testing.MemoryStores;
import uk.lifeline.app.testing.TestSupplier;
import uk.lifeline.app.trust.EnvelopeProblem;
import uk.lifeline.app.trust.EnvelopeVerifier;
import uk.lifeline.command.TopUp;

class WalletTest {

    final TestSupplier supplier = new TestSupplier();
    final MemoryStores stores = new MemoryStores();
    Clock clock = Clock.fixed(supplier.now(), ZoneOffset.UTC);

    Wallet wallet() {
        return new Wallet(
                stores,
                stores,
                new EnvelopeVerifier(supplier.keys(supplier::keySet, stores, clock)),
                TestSupplier.recipient(),
                clock);
    }

    @Test
    void aCodeThatArrivesByEveryChannelIsKeptOnce() {
        String envelope = supplier.envelope(new TopUp(2000), 1);
        Wallet wallet = wallet();

        assertThat(wallet.receive(envelope, "stream").receipt()).isEqualTo(Receipt.ADDED);
        assertThat(wallet.receive(envelope, "push").receipt()).isEqualTo(Receipt.ALREADY_HAD);
        assertThat(wallet.receive(envelope, "pull").receipt()).isEqualTo(Receipt.ALREADY_HAD);

        assertThat(wallet.toEnter()).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(CodeStatus.NEW);
            assertThat(c.code().command()).isEqualTo(new TopUp(2000));
        });
    }

    @Test
    void aForgedEnvelopeIsRecordedButNeverListed() {
        String forged = TestSupplier.sign(
                supplier.claims(new TopUp(50000), 2).build(),
                TestSupplier.newKey("demo-energy-20260101-0a1b2c3d"),
                EnvelopeVerifier.CODE_TYPE);
        Wallet wallet = wallet();

        assertThat(wallet.receive(forged, "push").receipt()).isEqualTo(Receipt.REFUSED);

        assertThat(wallet.toEnter()).isEmpty();
        assertThat(wallet.history()).isEmpty();
        assertThat(wallet.refusedMessages()).singleElement().satisfies(m -> assertThat(m.problem())
                .isEqualTo(EnvelopeProblem.BAD_SIGNATURE));
        wallet.dismissRefusedMessages();
        assertThat(wallet.refusedMessages()).isEmpty();
    }

    @Test
    void offlineWithoutKeysTheCodeWaitsForTheNextSync() {
        Wallet wallet = new Wallet(
                stores,
                stores,
                new EnvelopeVerifier(supplier.keys(
                        () -> {
                            throw new java.io.IOException("offline");
                        },
                        stores,
                        clock)),
                TestSupplier.recipient(),
                clock);

        assertThat(wallet.receive(supplier.envelope(new TopUp(2000), 1), "push").receipt())
                .isEqualTo(Receipt.RETRY_LATER);
        assertThat(wallet.refusedMessages()).isEmpty();
    }

    @Test
    void listsCodesInEntryOrder() {
        Wallet wallet = wallet();
        for (long counter : new long[] {3, 1, 2}) {
            wallet.receive(supplier.envelope(new TopUp(1000 * counter), counter), "pull");
        }

        assertThat(wallet.toEnter()).extracting(c -> c.code().counter()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aCodePastItsExpiryLeavesTheListAsExpired() {
        wallet().receive(supplier.envelope(new TopUp(2000), 1), "pull");
        clock = Clock.offset(clock, Duration.ofDays(31));

        Wallet later = wallet();

        assertThat(later.toEnter()).isEmpty();
        assertThat(later.history()).singleElement().satisfies(c -> assertThat(c.status())
                .isEqualTo(CodeStatus.EXPIRED));
    }

    @Test
    void aCodeAlreadyUsedStaysSoAfterItsExpiry() {
        Wallet wallet = wallet();
        String id = wallet.receive(supplier.envelope(new TopUp(2000), 1), "pull")
                .code()
                .id();
        wallet.recordOutcome(id, EntryOutcome.DUPLICATE);
        clock = Clock.offset(clock, Duration.ofDays(31));

        assertThat(wallet().toEnter()).isEmpty();
        assertThat(wallet().find(id).get().status()).isEqualTo(CodeStatus.REJECTED);
    }

    @Test
    void entryMovesThroughItsStatusesAndTheResultIsQueued() {
        Wallet wallet = wallet();
        String id = wallet.receive(supplier.envelope(new TopUp(2000), 1), "pull")
                .code()
                .id();

        wallet.startEntering(id);
        assertThat(wallet.find(id).get().status()).isEqualTo(CodeStatus.ENTERING);
        wallet.finishedTyping(id);
        assertThat(wallet.find(id).get().status()).isEqualTo(CodeStatus.ENTERED);
        wallet.recordOutcome(id, EntryOutcome.ACCEPTED);

        assertThat(wallet.find(id).get().status()).isEqualTo(CodeStatus.ACCEPTED);
        assertThat(wallet.toEnter()).isEmpty();
        assertThat(stores.pending()).singleElement().satisfies(r -> {
            assertThat(r.codeId()).isEqualTo(id);
            assertThat(r.outcome()).isEqualTo(EntryOutcome.ACCEPTED);
        });
    }

    @Test
    void aRefusalWorthRetryingKeepsTheCodeToEnter() {
        Wallet wallet = wallet();
        String retry = wallet.receive(supplier.envelope(new TopUp(2000), 1), "pull")
                .code()
                .id();
        String done = wallet.receive(supplier.envelope(new TopUp(3000), 2), "pull")
                .code()
                .id();

        wallet.recordOutcome(retry, EntryOutcome.LOCKED);
        wallet.recordOutcome(done, EntryOutcome.DUPLICATE);

        List<WalletCode> toEnter = wallet.toEnter();
        assertThat(toEnter).extracting(WalletCode::id).containsExactly(retry);
        assertThat(toEnter.get(0).status()).isEqualTo(CodeStatus.REJECTED);
        assertThat(toEnter.get(0).outcome()).isEqualTo(EntryOutcome.LOCKED);
        assertThat(wallet.history()).extracting(WalletCode::id).containsExactly(done);
        assertThat(stores.pending()).hasSize(2);
    }

    @Test
    void theSuppliersCancellationRetiresTheCode() {
        Wallet wallet = wallet();
        String id = wallet.receive(supplier.envelope(new TopUp(2000), 1), "pull")
                .code()
                .id();

        wallet.serverStatus(id, "ISSUED");
        assertThat(wallet.toEnter()).hasSize(1);
        wallet.serverStatus(id, "CANCELLED");

        assertThat(wallet.toEnter()).isEmpty();
        assertThat(wallet.find(id).get().status()).isEqualTo(CodeStatus.CANCELLED);
    }

    @Test
    void theBackendNeverReopensACodeTheCustomerFinished() {
        Wallet wallet = wallet();
        String id = wallet.receive(supplier.envelope(new TopUp(2000), 1), "pull")
                .code()
                .id();
        wallet.recordOutcome(id, EntryOutcome.ACCEPTED);

        wallet.serverStatus(id, "CANCELLED");

        assertThat(wallet.find(id).get().status()).isEqualTo(CodeStatus.ACCEPTED);
    }
}
