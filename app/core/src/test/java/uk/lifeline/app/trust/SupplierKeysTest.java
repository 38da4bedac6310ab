package uk.lifeline.app.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
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

    String served;
    /** The supplier's service: the key set signed by its anchor now, for 30 days. */
    final SupplierKeys.Source server = () -> {
        if (!online) {
            throw new IOException("no network");
        }
        fetches.incrementAndGet();
        served = supplier.keySet(supplier.anchorKey(), now, now.plus(Duration.ofDays(30)));
        return served;
    };

    SupplierKeys keys() {
        return supplier.keys(server, cache, new Clock() {
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
        assertThat(cache.load()).isEqualTo(served);
    }

    @Test
    void theCacheOutlivesTheAppSoCodesVerifyOffline() throws Exception {
        new EnvelopeVerifier(keys()).verifyCode(supplier.envelope(new TopUp(500), 1), TestSupplier.recipient());
        online = false;

        SignedCode code =
                new EnvelopeVerifier(keys()).verifyCode(supplier.envelope(new TopUp(500), 2), TestSupplier.recipient());

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

        assertThatThrownBy(() -> new EnvelopeVerifier(keys())
                        .verifyCode(supplier.envelope(new TopUp(500), 1), TestSupplier.recipient()))
                .isInstanceOf(SupplierKeys.UnavailableException.class);
    }

    @Test
    void offlineWithAnOlderKeySetANewKidWaitsToo() throws Exception {
        new EnvelopeVerifier(keys()).verifyCode(supplier.envelope(new TopUp(500), 1), TestSupplier.recipient());
        supplier.rotate("demo-energy-20270301-abcdef01");
        now = now.plus(Duration.ofHours(1));
        online = false;

        assertThatThrownBy(() -> new EnvelopeVerifier(keys())
                        .verifyCode(supplier.envelope(new TopUp(500), 2), TestSupplier.recipient()))
                .isInstanceOf(SupplierKeys.UnavailableException.class);
    }

    @Test
    void aCorruptCacheIsFetchedAgain() throws Exception {
        cache.save("not json");

        assertThat(keys().find("demo-energy-20260101-0a1b2c3d")).isNotNull();
        assertThat(fetches).hasValue(1);
    }

    SupplierKeys keysFrom(SupplierKeys.Source source) {
        return supplier.keys(source, cache, Clock.fixed(now, ZoneOffset.UTC));
    }

    EnvelopeProblem refusal(SupplierKeys keys, String envelope) {
        try {
            new EnvelopeVerifier(keys).verifyCode(envelope, TestSupplier.recipient());
        } catch (UntrustedEnvelopeException e) {
            return e.problem();
        } catch (SupplierKeys.UnavailableException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the envelope verified");
    }

    @Test
    void aRogueServersKeysUnderItsOwnAnchorFailVerification() {
        TestSupplier rogue = new TestSupplier();

        assertThat(refusal(keysFrom(rogue::keySet), rogue.envelope(new TopUp(50000), 1)))
                .isEqualTo(EnvelopeProblem.UNTRUSTED_KEY_SET);
        assertThat(cache.load()).isNull();
    }

    @Test
    void aPlainJwkSetWithoutTheAnchorsSignatureIsRefused() {
        assertThat(refusal(keysFrom(supplier::unsignedJwks), supplier.envelope(new TopUp(500), 1)))
                .isEqualTo(EnvelopeProblem.UNTRUSTED_KEY_SET);
    }

    @Test
    void anExpiredKeySetIsRefusedSoAnOldOneCannotBeReplayed() {
        String stale =
                supplier.keySet(supplier.anchorKey(), now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(10)));

        assertThat(refusal(keysFrom(() -> stale), supplier.envelope(new TopUp(500), 1)))
                .isEqualTo(EnvelopeProblem.UNTRUSTED_KEY_SET);
    }

    @Test
    void aKeySetOlderThanTheOneTakenIsRefused() throws Exception {
        String older =
                supplier.keySet(supplier.anchorKey(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(9)));
        keys().find("demo-energy-20260101-0a1b2c3d");
        supplier.rotate("demo-energy-20270301-abcdef01");
        now = now.plus(Duration.ofMinutes(2));
        SupplierKeys keys = keys();
        keys.find("demo-energy-20260101-0a1b2c3d");

        assertThat(refusal(
                        supplier.keys(() -> older, cache, Clock.fixed(now, ZoneOffset.UTC)),
                        supplier.envelope(new TopUp(500), 2)))
                .isEqualTo(EnvelopeProblem.UNTRUSTED_KEY_SET);
    }

    @Test
    void theAnchorVouchesOnlyForItsOwnSuppliersKeys() throws Exception {
        TestSupplier other = new TestSupplier();
        ECKey foreign = TestSupplier.newKey("other-energy-20260101-0a1b2c3d");
        String set = TestSupplier.sign(
                new com.nimbusds.jwt.JWTClaimsSet.Builder()
                        .issuer(TestSupplier.SUPPLIER)
                        .issueTime(java.util.Date.from(now))
                        .expirationTime(java.util.Date.from(now.plus(Duration.ofDays(1))))
                        .claim("keys", java.util.List.of(foreign.toPublicJWK().toJSONObject()))
                        .build(),
                supplier.anchorKey(),
                TrustAnchor.KEY_SET_TYPE);

        assertThat(keysFrom(() -> set).find(foreign.getKeyID())).isNull();
        assertThat(other).isNotNull();
    }

    @Test
    void aKeySetSignedByASecondAnchorIsTakenWhileTheSupplierRotatesIt() throws Exception {
        ECKey next = TestSupplier.newKey("demo-energy-20270101-b1b1b1b1");
        TrustAnchor both = new TrustAnchor(
                TestSupplier.SUPPLIER, java.util.List.of(supplier.anchorKey().toPublicJWK(), next.toPublicJWK()));
        SupplierKeys keys = new SupplierKeys(
                () -> supplier.keySet(next, now, now.plus(Duration.ofDays(1))),
                cache,
                Clock.fixed(now, ZoneOffset.UTC),
                both);

        assertThat(keys.find("demo-energy-20260101-0a1b2c3d")).isNotNull();
    }

    @Test
    void aCacheFromBeforeTheAnchorIsFetchedAgain() throws Exception {
        cache.save(supplier.unsignedJwks());

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
