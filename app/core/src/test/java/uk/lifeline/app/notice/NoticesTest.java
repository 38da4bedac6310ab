package uk.lifeline.app.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import uk.lifeline.app.testing.MemoryStores;
import uk.lifeline.app.testing.TestSupplier;
import uk.lifeline.app.trust.EnvelopeVerifier;
import uk.lifeline.app.wallet.Receipt;

class NoticesTest {

    final TestSupplier supplier = new TestSupplier();
    final MemoryStores stores = new MemoryStores();
    Clock clock = Clock.fixed(supplier.now(), ZoneOffset.UTC);

    Notices notices() {
        return new Notices(
                stores,
                stores,
                new EnvelopeVerifier(supplier.keys(supplier::keySet, stores, clock)),
                TestSupplier.recipient(),
                clock);
    }

    @Test
    void aNoticeIsShownUntilItEndsThenForgotten() {
        Instant friday = Instant.parse("2026-12-04T18:00:00Z");
        assertThat(notices().receive(supplier.notice(supplier.now(), friday), "push"))
                .isEqualTo(Receipt.ADDED);

        assertThat(notices().active()).singleElement().satisfies(n -> assertThat(n.until())
                .isEqualTo(friday));

        clock = Clock.fixed(friday, ZoneOffset.UTC);
        assertThat(notices().active()).isEmpty();
        assertThat(stores.notices()).isEmpty();
    }

    @Test
    void aNoticeForLaterWaitsItsTurn() {
        Instant tomorrow = supplier.now().plus(Duration.ofDays(1));
        notices().receive(supplier.notice(tomorrow, tomorrow.plus(Duration.ofDays(2))), "pull");

        assertThat(notices().active()).isEmpty();
        clock = Clock.fixed(tomorrow, ZoneOffset.UTC);
        assertThat(notices().active()).hasSize(1);
    }

    @Test
    void aForgedNoticeIsRefusedAndRecorded() {
        String forged = TestSupplier.sign(
                new com.nimbusds.jwt.JWTClaimsSet.Builder()
                        .issuer("demo-energy")
                        .claim("customer", TestSupplier.CUSTOMER)
                        .claim("kind", "non-disconnect")
                        .build(),
                TestSupplier.newKey("demo-energy-20260101-0a1b2c3d"),
                EnvelopeVerifier.NOTICE_TYPE);

        assertThat(notices().receive(forged, "push")).isEqualTo(Receipt.REFUSED);
        assertThat(notices().active()).isEmpty();
        assertThat(stores.refused()).hasSize(1);
    }
}
