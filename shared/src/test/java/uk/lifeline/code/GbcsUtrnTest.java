package uk.lifeline.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.lifeline.command.ParameterOutOfRangeException;
import uk.lifeline.command.TopUp;
import uk.lifeline.testing.TestKeys;

/** GBCS top-up UTRNs, byte for byte, from the public GBCS test keys in ../shared/testdata/gbcs. */
class GbcsUtrnTest {

    static Stream<Arguments> knownUtrns() {
        return Stream.of(
                Arguments.of(1L, 100_00L, "73943333457189043313"), Arguments.of(4L, 12_34L, "73947252416745201637"));
    }

    @ParameterizedTest(name = "counter {0}, {1}p -> {2}")
    @MethodSource("knownUtrns")
    void encoderReproducesTheKnownGbcsUtrn(long counter, long pence, String utrn) {
        CommandCode code = CodeEncoder.encode(new TopUp(pence), counter, TestKeys.gbcsIssuingKey());

        assertThat(code.blocks()).containsExactly(utrn);
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("knownUtrns")
    void knownUtrnHasTheGbcsPtutLayout(long counter, long pence, String utrn) {
        long ptut = Ptut.fromCheckedDigits(utrn);

        assertThat(ptut >>> 61).as("lead bits").isZero();
        assertThat(CodeLayout.subclass(ptut)).as("sub class").isZero();
        assertThat(CodeLayout.counterBits(ptut)).as("counter bits 41..32").isEqualTo(counter);
        long valueClass = (ptut >>> 45) & 3;
        long value = (ptut >>> 32) & 0x1FFF;
        assertThat(valueClass == 1 ? value * 100 : value).isEqualTo(pence);
        assertThat(valueClass).isEqualTo(pence > 8191 ? 1 : 0);
    }

    @Test
    void amountsThatFitThirteenBitsOfPenceUsePenceAndLargerOnesWholePounds() {
        CodeKey key = TestKeys.gbcsIssuingKey();
        long pence = Ptut.fromCheckedDigits(
                CodeEncoder.encode(new TopUp(8191), 9, key).blocks().get(0));
        long pounds = Ptut.fromCheckedDigits(
                CodeEncoder.encode(new TopUp(8200), 9, key).blocks().get(0));

        assertThat((pence >>> 45) & 3).isZero();
        assertThat((pence >>> 32) & 0x1FFF).isEqualTo(8191);
        assertThat((pounds >>> 45) & 3).isOne();
        assertThat((pounds >>> 32) & 0x1FFF).isEqualTo(82);
    }

    @Test
    void amountsWithNoValueClassAreRefusedNamingTheParameterAndRange() {
        assertThatThrownBy(() -> new TopUp(8192))
                .isInstanceOf(ParameterOutOfRangeException.class)
                .hasMessageContaining("amount 81.92")
                .hasMessageContaining("whole pounds from 82 to 8191");
        assertThatThrownBy(() -> new TopUp(819_200)).isInstanceOf(ParameterOutOfRangeException.class);
        assertThatThrownBy(() -> new TopUp(0)).isInstanceOf(ParameterOutOfRangeException.class);
        assertThat(new TopUp(819_100).amountPence()).isEqualTo(819_100);
    }

    @Test
    void everyBlockIsNineteenDigitsOfPptdAndACheckDigit() {
        assertThat(Ptut.toDigits(0))
                .isEqualTo("73941569907863060480".substring(0, 19) + GbcsCheckDigit.of("7394156990786306048"));
        assertThat(Ptut.toDigits(Ptut.LIMIT - 1)).startsWith("9699999999999999999");
        assertThatThrownBy(() -> Ptut.toDigits(Ptut.LIMIT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ptut.toDigits(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void digitsBelowTheOffsetOrAboveTheLeadBitsAreNotAPtut() {
        String belowOffset = "1000000000000000000";
        String aboveLimit = "9999999999999999999";

        assertThat(Ptut.fromCheckedDigits(belowOffset + GbcsCheckDigit.of(belowOffset)))
                .isEqualTo(-1);
        assertThat(Ptut.fromCheckedDigits(aboveLimit + GbcsCheckDigit.of(aboveLimit)))
                .isEqualTo(-1);
    }

    @Test
    void counterOutsideThirtyTwoBitsIsRefused() {
        CodeKey key = TestKeys.gbcsIssuingKey();
        assertThatThrownBy(() -> CodeEncoder.encode(new TopUp(100), 0, key)).hasMessageContaining("1 to 4294967295");
        assertThatThrownBy(() -> CodeEncoder.encode(new TopUp(100), 1L << 32, key))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysOnAnotherCurveAreRefused() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
        java.security.KeyPair p384 = generator.generateKeyPair();

        assertThatThrownBy(
                        () -> CodeKey.agree(p384.getPrivate(), p384.getPublic(), TestKeys.ORIGINATOR, TestKeys.METER))
                .isInstanceOf(java.security.InvalidKeyException.class)
                .hasMessageContaining("P-256");
        assertThatThrownBy(() -> CodeKey.agree(
                        TestKeys.supplierPrivate(), p384.getPublic(), TestKeys.ORIGINATOR, TestKeys.METER))
                .hasMessageContaining("peer public key");
    }

    @Test
    void theMacRefusesACounterThatWouldWrapOntoAnother() {
        CodeKey key = TestKeys.gbcsIssuingKey();
        byte[] input = {0, 0, 0, 0};

        assertThatThrownBy(() -> key.mac((1L << 32) + 1, input)).hasMessageContaining("out of range");
        assertThatThrownBy(() -> key.mac(0, input)).hasMessageContaining("out of range");
    }

    @Test
    void codeKeyNeverPrintsTheSharedSecret() {
        assertThat(TestKeys.gbcsIssuingKey().toString())
                .isEqualTo("CodeKey[originator=90B3D51F30010000, device=00DB1234567890A0]");
    }
}
