package uk.lifeline.backend.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Value;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.ProblemAssert;
import uk.lifeline.backend.testing.Tenant;

/** The envelope key set the customer app trusts: signed by the supplier's trust anchor, its keys only. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeySetTest extends BackendTest {

    @Value("${lifeline.keys.dir}")
    Path keysDir;

    Tenant bright;
    Tenant other;

    @BeforeAll
    void tenants() {
        bright = tenant("bright");
        other = tenant("umbra");
    }

    String keySet(String supplier) {
        return get(null, "/.well-known/lifeline/keys/" + supplier)
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("application/jose")
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    @Test
    void theKeySetIsSignedByTheSuppliersAnchorAndHoldsOnlyItsEnvelopeKeys() throws Exception {
        SignedJWT set = SignedJWT.parse(keySet(bright.code));
        EcKeyPair anchor = keys.current(bright.code, KeyPurpose.TRUST_ANCHOR);
        EcKeyPair envelopeKey = keys.current(bright.code, KeyPurpose.ENVELOPE_SIGNING);

        assertThat(set.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(set.getHeader().getType()).isEqualTo(new JOSEObjectType(KeySetController.TYPE));
        assertThat(set.getHeader().getKeyID()).isEqualTo(anchor.kid()).startsWith(bright.code + "-");
        assertThat(set.verify(new ECDSAVerifier(anchor.publicKey()))).isTrue();
        JWTClaimsSet claims = set.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(bright.code);
        assertThat(Duration.between(
                        claims.getIssueTime().toInstant(),
                        claims.getExpirationTime().toInstant()))
                .isEqualTo(KeySetController.LIFETIME);
        @SuppressWarnings("unchecked")
        List<JWK> listed = JWKSet.parse(Map.of("keys", claims.getClaim("keys"))).getKeys();
        assertThat(listed).extracting(JWK::getKeyID).containsExactly(envelopeKey.kid());
        assertThat(listed).allSatisfy(k -> assertThat(k.isPrivate()).isFalse());
        assertThat(claims.toString()).doesNotContain("\"d\"");
    }

    @Test
    void aRogueAnchorCannotVerifyTheSetAndAnotherSuppliersAnchorNeither() throws Exception {
        SignedJWT set = SignedJWT.parse(keySet(bright.code));
        ECKey rogue = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).generate();

        assertThat(set.verify(new ECDSAVerifier(rogue.toECPublicKey()))).isFalse();
        assertThat(set.verify(new ECDSAVerifier(
                        keys.current(other.code, KeyPurpose.TRUST_ANCHOR).publicKey())))
                .isFalse();
        assertThat(SignedJWT.parse(keySet(other.code)).getJWTClaimsSet().getIssuer())
                .isEqualTo(other.code);
    }

    @Test
    void aKeySetTheSupplierSignedOfflineIsServedAsItIs() throws Exception {
        ECKey offlineAnchor = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256)
                .keyID(other.code + "-20270101-0f0f0f0f")
                .generate();
        SignedJWT signed = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(offlineAnchor.getKeyID())
                        .type(new JOSEObjectType(KeySetController.TYPE))
                        .build(),
                new JWTClaimsSet.Builder()
                        .issuer(other.code)
                        .claim("keys", List.of())
                        .build());
        signed.sign(new ECDSASigner(offlineAnchor));
        Path file = keysDir.resolve(other.code).resolve(KeySetController.SIGNED_FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, signed.serialize() + "\n");
        try {
            assertThat(keySet(other.code)).isEqualTo(signed.serialize());
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void anUnknownSupplierHasNoKeySet() {
        ProblemAssert.problem(get(null, "/.well-known/lifeline/keys/nobody-energy"), 404, "not-found");
    }
}
