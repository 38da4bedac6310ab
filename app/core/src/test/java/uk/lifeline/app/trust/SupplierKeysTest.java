package uk.lifeline.app.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import uk.lifeline.app.testing.MemoryStores;
import uk.lifeline.app.testing.TestSupplier;
import uk.lifeline.command.TopUp;

class SupplierKeysTest {

    final TestSupplier supplier = new TestSupplier();
    final MemoryStores cache = new MemoryStores();
    final AtomicInteger fetches = new AtomicInteger();
    boolean online = true;
    Instant now = supplier.now();

    final SupplierKeys.Source server = () -> {
        if (!online) {
            throw new IOException("no network");
        }
        fetches.incrementAndGet();
        return supplier.jwks();
    };

    SupplierKeys keys() {
        return new SupplierKeys(server, cache, new Clock() {
            @Override
            public Instant instant() {
                return now;
            }

            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        });
    }

    @Test
    void fetchesOnceThenVerifiesFromTheCache() throws Exception {
        EnvelopeVerifier verifier = new EnvelopeVerifier(keys());
        for (int counter = 1; counter <= 3; counter++) {
            verifier.verifyCode(supplier.envelope(new TopUp(500), counter), TestSupplier.recipient());
        }

        assertThat(fetches).hasValue(1);
        assertThat(cache.load()).isEqualTo(supplier.jwks());
    }

    @Test
    void theCacheOutlivesTheAppSoCodesVerifyOffline() throws Exception {
        new EnvelopeVerifier(keys()).verifyCode(supplier.envelope(new TopUp(500), 1), TestSupplier.recipient());
        online = false;

        SignedCode code = new EnvelopeVerifier(keys()).verifyCode(supplier.envelope(new TopUp(500), 2),
                TestSupplier.recipient());

        assertThat(code.counter()).isEqualTo(2);
    }

    @Test
    void aRotatedKeyIsFetchedWhenItsKidFirstAppears() throws Exception {
        EnvelopeVerifier verifier = new EnvelopeVerifier(keys());
        verifier.verifyCode(supplier.envelope(new TopUp(500), 1), TestSupplier.recipient());
        now = now.plus(Duration.ofDays(90));
        supplier.rotate("demo-energy-20270301-abcdef01");

        SignedCode code = verifier.verifyCode(supplier.envelope(new TopUp(500), 2), TestSupplier.recipient());

        assertThat(code.keyId()).isEqualTo("demo-energy-20270301-abcdef01");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void unknownKidsCannotMakeTheAppFetchMoreThanOnceAMinute() throws Exception {
        SupplierKeys keys = keys();
        keys.find("demo-energy-20260101-0a1b2c3d");
        for (int i = 0; i < 5; i++) {
            assertThat(keys.find("demo-energy-20990101-0000000" + i)).isNull();
        }
        now = now.plus(SupplierKeys.REFETCH_AT_MOST_EVERY);
        assertThat(keys.find("demo-energy-20990101-00000009")).isNull();

        assertThat(fetches).hasValue(2);
    }

    @Test
    void offlineWithNoKeysTheEnvelopeWaitsRatherThanBeingCalledForged() {
        online = false;

        assertThatThrownBy(() -> new EnvelopeVerifier(keys()).verifyCode(supplier.envelope(new TopUp(500), 1),
                TestSupplier.recipient())).isInstanceOf(SupplierKeys.UnavailableException.class);
    }

    @Test
    void offlineWithAnOlderKeySetANewKidWaitsToo() throws Exception {
        new EnvelopeVerifier(keys()).verifyCode(supplier.envelope(new TopUp(500), 1), TestSupplier.recipient());
        supplier.rotate("demo-energy-20270301-abcdef01");
        now = now.plus(Duration.ofHours(1));
        online = false;

        assertThatThrownBy(() -> new EnvelopeVerifier(keys()).verifyCode(supplier.envelope(new TopUp(500), 2),
                TestSupplier.recipient())).isInstanceOf(SupplierKeys.UnavailableException.class);
    }

    @Test
    void aCorruptCacheIsFetchedAgain() throws Exception {
        cache.save("not json");

        assertThat(keys().find("demo-energy-20260101-0a1b2c3d")).isNotNull();
        assertThat(fetches).hasValue(1);
    }

    @Test
    void theKidsOwnerIsEverythingBeforeTheDateAndHash() {
        assertThat(KeyIds.owner("demo-energy-20260101-0a1b2c3d")).isEqualTo("demo-energy");
        assertThat(KeyIds.owner("backend-20260101-0A1B2C3D")).isEqualTo("backend");
        assertThat(KeyIds.owner("demo-energy")).isNull();
        assertThat(KeyIds.owner("demo-energy-2026011-0a1b2c3d")).isNull();
        assertThat(KeyIds.owner(null)).isNull();
    }
}
