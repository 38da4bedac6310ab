package uk.lifeline.backend.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.LocalDate;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;

/**
 * ES256 signatures checked by the JDK's own verifier in the form JWS wants (R || S), ECDH secrets equal to the
 * JDK's, and refusals: other curves, points off the curve.
 */
class P256Test {

    private final EcKeyPair key = EcKeyPair.generate("t", LocalDate.of(2026, 11, 23));
    private final byte[] input = "eyJhbGciOiJFUzI1NiJ9.eyJqdGkiOiIxIn0".getBytes(StandardCharsets.US_ASCII);

    private boolean verifies(java.security.PublicKey publicKey, byte[] message, byte[] signature) throws Exception {
        Signature jdk = Signature.getInstance("SHA256withECDSAinP1363Format");
        jdk.initVerify(publicKey);
        jdk.update(message);
        return jdk.verify(signature);
    }

    @Test
    void aSignatureIs64BytesAndTheJdkVerifiesIt() throws Exception {
        for (int i = 0; i < 50; i++) {
            byte[] message = (new String(input, StandardCharsets.US_ASCII) + i).getBytes(StandardCharsets.US_ASCII);
            byte[] signature = P256.sign(key.privateKey(), message);
            assertThat(signature).hasSize(64);
            assertThat(verifies(key.publicKey(), message, signature)).isTrue();
        }
    }

    @Test
    void nothingElseVerifies() throws Exception {
        byte[] signature = P256.sign(key.privateKey(), input);
        byte[] other = input.clone();
        other[3] ^= 1;
        assertThat(verifies(key.publicKey(), other, signature)).isFalse();
        EcKeyPair another = EcKeyPair.generate("t", LocalDate.of(2026, 11, 23));
        assertThat(verifies(another.publicKey(), input, signature)).isFalse();
        byte[] flipped = signature.clone();
        flipped[40] ^= 1;
        assertThat(verifies(key.publicKey(), input, flipped)).isFalse();
    }

    @Test
    void noncesAreDeterministicPerMessageAndDifferAcrossMessages() {
        assertThat(P256.sign(key.privateKey(), input)).isEqualTo(P256.sign(key.privateKey(), input));
        byte[] other = input.clone();
        other[0] ^= 1;
        // The same R twice would give the key away: R is the first half.
        assertThat(java.util.Arrays.copyOf(P256.sign(key.privateKey(), other), 32))
                .isNotEqualTo(java.util.Arrays.copyOf(P256.sign(key.privateKey(), input), 32));
    }

    @Test
    void aKeyOnAnotherCurveIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        java.security.KeyPair p384 = generator.generateKeyPair();
        assertThatThrownBy(() -> P256.sign((ECPrivateKey) p384.getPrivate(), input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("P-256");
        assertThatThrownBy(() -> P256.agree(key.privateKey(), (ECPublicKey) p384.getPublic()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("P-256");
    }

    @Test
    void anAgreementGivesTheJdksSecret() throws Exception {
        for (int i = 0; i < 20; i++) {
            EcKeyPair meter = EcKeyPair.generate("m", LocalDate.of(2026, 11, 23));
            KeyAgreement jdk = KeyAgreement.getInstance("ECDH");
            jdk.init(key.privateKey());
            jdk.doPhase(meter.publicKey(), true);
            assertThat(P256.agree(key.privateKey(), meter.publicKey()))
                    .isEqualTo(jdk.generateSecret())
                    .isEqualTo(P256.agree(meter.privateKey(), key.publicKey()))
                    .hasSize(32);
        }
    }

    @Test
    void aPointOffTheCurveIsRefused() throws Exception {
        ECPoint w = key.publicKey().getW();
        ECPublicKey off = (ECPublicKey) KeyFactory.getInstance("EC")
                .generatePublic(new ECPublicKeySpec(
                        new ECPoint(w.getAffineX(), w.getAffineY().add(BigInteger.ONE)),
                        key.publicKey().getParams()));
        assertThatThrownBy(() -> P256.agree(key.privateKey(), off)).isInstanceOf(IllegalArgumentException.class);
    }
}
