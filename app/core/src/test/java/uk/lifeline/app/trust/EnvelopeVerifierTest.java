package uk.lifeline.app.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.lifeline.app.testing.MemoryStores;
import uk.lifeline.app.testing.TestSupplier;
import uk.lifeline.command.ChangePrice;
import uk.lifeline.command.TopUp;
import uk.lifeline.command.UnitPrice;

class EnvelopeVerifierTest {

    static final TestSupplier supplier = new TestSupplier();

    final EnvelopeVerifier verifier = new EnvelopeVerifier(
            supplier.keys(supplier::keySet, new MemoryStores(), Clock.fixed(supplier.now(), ZoneOffset.UTC)));

    @Test
    void aGenuineEnvelopeGivesTheSignedFacts() throws Exception {
        String envelope = supplier.envelope(new TopUp(2000), 7);

        SignedCode code = verifier.verifyCode(envelope, TestSupplier.recipient());

        assertThat(code.command()).isEqualTo(new TopUp(2000));
        assertThat(code.counter()).isEqualTo(7);
        assertThat(code.meterId()).isEqualTo(TestSupplier.METER);
        assertThat(code.supplier()).isEqualTo(TestSupplier.SUPPLIER);
        assertThat(code.blocks()).isEqualTo(supplier.code(new TopUp(2000), 7).blocks());
        assertThat(code.keyId()).isEqualTo("demo-energy-20260101-0a1b2c3d");
        assertThat(code.envelope()).isEqualTo(envelope);
    }

    @Test
    void aChainedCodeKeepsItsBlocksInOrder() throws Exception {
        ChangePrice price = new ChangePrice(
                UnitPrice.parse("unit-rate", "24.862"),
                UnitPrice.parse("standing-charge", "60.97"),
                java.util.Optional.empty());

        SignedCode code = verifier.verifyCode(supplier.envelope(price, 8), TestSupplier.recipient());

        assertThat(code.blocks()).hasSize(2).isEqualTo(supplier.code(price, 8).blocks());
    }

    static Stream<Arguments> forgeries() {
        TestSupplier s = supplier;
        String genuine = s.envelope(new TopUp(2000), 7);
        String[] parts = genuine.split("\\.");
        JWTClaimsSet richer = s.claims(new TopUp(2000), 7).build();
        Map<String, Object> changed = richer.toJSONObject();
        changed.put("parameters", Map.of("amount", "200.00"));
        String tamperedPayload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(changed)
                        .getBytes());
        ECKey sameKidOtherKey = TestSupplier.newKey("demo-energy-20260101-0a1b2c3d");
        ECKey otherSupplier = TestSupplier.newKey("cheap-power-20260101-11111111");
        ECKey backendTokenKey = TestSupplier.newKey("backend-20260101-22222222");
        JWTClaimsSet claims = s.claims(new TopUp(2000), 7).build();
        return Stream.of(
                Arguments.of(
                        "payload changed after signing",
                        parts[0] + "." + tamperedPayload + "." + parts[2],
                        EnvelopeProblem.BAD_SIGNATURE),
                Arguments.of(
                        "signed with another key under the supplier's kid",
                        TestSupplier.sign(claims, sameKidOtherKey, EnvelopeVerifier.CODE_TYPE),
                        EnvelopeProblem.BAD_SIGNATURE),
                Arguments.of(
                        "signed with a kid the supplier never published",
                        TestSupplier.sign(
                                claims,
                                TestSupplier.newKey("demo-energy-20270101-99999999"),
                                EnvelopeVerifier.CODE_TYPE),
                        EnvelopeProblem.UNKNOWN_KEY),
                Arguments.of(
                        "another supplier's key",
                        TestSupplier.sign(claims, otherSupplier, EnvelopeVerifier.CODE_TYPE),
                        EnvelopeProblem.WRONG_KEY_OWNER),
                Arguments.of(
                        "the backend's sign-in key",
                        TestSupplier.sign(claims, backendTokenKey, EnvelopeVerifier.CODE_TYPE),
                        EnvelopeProblem.WRONG_KEY_OWNER),
                Arguments.of(
                        "a sign-in token, not an envelope",
                        TestSupplier.sign(claims, otherSupplier, "at+jwt"),
                        EnvelopeProblem.WRONG_TYPE),
                Arguments.of(
                        "a notice presented as a code",
                        s.notice(s.now(), s.now().plusSeconds(3600)),
                        EnvelopeProblem.WRONG_TYPE),
                Arguments.of(
                        "unsigned (alg none)",
                        new PlainJWT(new PlainHeader(), claims).serialize(),
                        EnvelopeProblem.MALFORMED),
                Arguments.of("HMAC with the public key as secret", hmac(claims), EnvelopeProblem.WRONG_ALGORITHM),
                Arguments.of("signature stripped", parts[0] + "." + parts[1] + ".", EnvelopeProblem.MALFORMED),
                Arguments.of("not a JWS at all", "7394 3333 4571 8904 3313", EnvelopeProblem.MALFORMED),
                Arguments.of(
                        "for another customer",
                        s.sign(s.claims(new TopUp(2000), 7)
                                .claim("customer", "00000000-0000-0000-0000-000000000001")
                                .build()),
                        EnvelopeProblem.NOT_FOR_THIS_ACCOUNT),
                Arguments.of(
                        "issued by another supplier name",
                        s.sign(s.claims(new TopUp(2000), 7)
                                .issuer("cheap-power")
                                .build()),
                        EnvelopeProblem.NOT_FOR_THIS_ACCOUNT),
                Arguments.of(
                        "words say £200, digits say £20",
                        s.sign(s.claims(new TopUp(2000), 7)
                                .claim("parameters", Map.of("amount", "200.00"))
                                .build()),
                        EnvelopeProblem.DIGITS_DO_NOT_MATCH),
                Arguments.of(
                        "a top-up's digits under a deduct-credit's words",
                        s.sign(s.claims(new TopUp(2000), 7)
                                .claim("command", "deduct-credit")
                                .build()),
                        EnvelopeProblem.DIGITS_DO_NOT_MATCH),
                Arguments.of(
                        "digits from another counter",
                        s.sign(s.claims(new TopUp(2000), 7).claim("counter", 8).build()),
                        EnvelopeProblem.DIGITS_DO_NOT_MATCH),
                Arguments.of(
                        "a digit changed",
                        s.sign(s.claims(new TopUp(2000), 7)
                                .claim(
                                        "blocks",
                                        List.of(oneDigitOff(s.code(new TopUp(2000), 7)
                                                .blocks()
                                                .get(0))))
                                .build()),
                        EnvelopeProblem.DIGITS_DO_NOT_MATCH),
                Arguments.of(
                        "a block missing",
                        s.sign(s.claims(
                                        new ChangePrice(
                                                UnitPrice.parse("u", "1"),
                                                UnitPrice.parse("s", "1"),
                                                java.util.Optional.empty()),
                                        9)
                                .claim(
                                        "blocks",
                                        List.of(s.code(
                                                        new ChangePrice(
                                                                UnitPrice.parse("u", "1"),
                                                                UnitPrice.parse("s", "1"),
                                                                java.util.Optional.empty()),
                                                        9)
                                                .blocks()
                                                .get(0)))
                                .build()),
                        EnvelopeProblem.DIGITS_DO_NOT_MATCH),
                Arguments.of(
                        "an unknown command",
                        s.sign(s.claims(new TopUp(2000), 7)
                                .claim("command", "give-free-energy")
                                .build()),
                        EnvelopeProblem.MALFORMED),
                Arguments.of(
                        "no code id",
                        s.sign(s.claims(new TopUp(2000), 7).jwtID(null).build()),
                        EnvelopeProblem.MALFORMED),
                Arguments.of(
                        "no meter",
                        s.sign(s.claims(new TopUp(2000), 7).subject(null).build()),
                        EnvelopeProblem.MALFORMED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void refusesWhatTheSupplierDidNotSign(String what, String envelope, EnvelopeProblem expected) {
        assertThatThrownBy(() -> verifier.verifyCode(envelope, TestSupplier.recipient()))
                .isInstanceOfSatisfying(UntrustedEnvelopeException.class, e -> assertThat(e.problem())
                        .isEqualTo(expected));
    }

    @Test
    void refusalsNeverEchoTheWholeEnvelope() {
        String envelope = supplier.sign(supplier.claims(new TopUp(2000), 7)
                .claim("customer", "someone-else")
                .build());

        assertThatThrownBy(() -> verifier.verifyCode(envelope, TestSupplier.recipient()))
                .isInstanceOfSatisfying(
                        UntrustedEnvelopeException.class,
                        e -> assertThat(e.getMessage()).doesNotContain(envelope).contains(e.envelopeStart()));
    }

    @Test
    void aNoticeGivesItsPeriod() throws Exception {
        SignedNotice notice = verifier.verifyNotice(
                supplier.notice(supplier.now(), supplier.now().plusSeconds(86_400)), TestSupplier.recipient());

        assertThat(notice.kind()).isEqualTo(SignedNotice.NON_DISCONNECT);
        assertThat(notice.until()).isEqualTo(supplier.now().plusSeconds(86_400));
        assertThat(notice.isActive(supplier.now())).isTrue();
        assertThat(notice.message()).isEqualTo("Very cold weather is forecast.");
    }

    @Test
    void aCodePresentedAsANoticeIsRefused() {
        assertThatThrownBy(() -> verifier.verifyNotice(supplier.envelope(new TopUp(100), 1), TestSupplier.recipient()))
                .isInstanceOfSatisfying(UntrustedEnvelopeException.class, e -> assertThat(e.problem())
                        .isEqualTo(EnvelopeProblem.WRONG_TYPE));
    }

    private static String hmac(JWTClaimsSet claims) {
        try {
            SignedJWT jws = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.HS256)
                            .keyID("demo-energy-20260101-0a1b2c3d")
                            .type(new com.nimbusds.jose.JOSEObjectType(EnvelopeVerifier.CODE_TYPE))
                            .build(),
                    claims);
            jws.sign(new MACSigner(new byte[32]));
            return jws.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String oneDigitOff(String block) {
        List<Character> digits = new ArrayList<>();
        for (char c : block.toCharArray()) {
            digits.add(c);
        }
        char first = digits.get(5);
        digits.set(5, first == '9' ? '0' : (char) (first + 1));
        StringBuilder out = new StringBuilder();
        digits.forEach(out::append);
        return out.toString();
    }
}
