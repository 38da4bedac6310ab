package uk.lifeline.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;

/** A key rebuilt from a kept shared secret makes the same MACs as the agreement that produced the secret. */
class CodeKeySharedSecretTest {

    private static final Eui64 ORIGINATOR = Eui64.parse("90B3D51F30010000");
    private static final Eui64 DEVICE = Eui64.parse("00DB1234567890A0");

    @Test
    void aKeyFromTheKeptSecretMacsLikeTheAgreedKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair supplier = generator.generateKeyPair();
        KeyPair meter = generator.generateKeyPair();
        KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
        ecdh.init(supplier.getPrivate());
        ecdh.doPhase(meter.getPublic(), true);
        byte[] z = ecdh.generateSecret();

        CodeKey agreed = CodeKey.agree(supplier.getPrivate(), meter.getPublic(), ORIGINATOR, DEVICE);
        CodeKey kept = CodeKey.fromSharedSecret(z, ORIGINATOR, DEVICE);
        z[0] ^= 1;

        byte[] input = {1, 2, 3, 4};
        for (long counter : new long[] {1, 2, 511, 0xFFFFFFFFL}) {
            assertThat(kept.mac(counter, input)).isEqualTo(agreed.mac(counter, input));
        }
        assertThat(kept.toString()).doesNotContain(java.util.HexFormat.of().formatHex(z));
    }

    @Test
    void onlyA32ByteSecretIsTaken() {
        assertThatThrownBy(() -> CodeKey.fromSharedSecret(new byte[31], ORIGINATOR, DEVICE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> CodeKey.fromSharedSecret(null, ORIGINATOR, DEVICE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
