package uk.lifeline.app.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.lifeline.app.testing.MemoryStores;
import uk.lifeline.app.testing.TestSupplier;
import uk.lifeline.command.TopUp;

/** Envelopes signed together (one signature over a Merkle root), as the backend signs batches and campaign pages. */
class BatchEnvelopeVerifierTest {

    static final TestSupplier supplier = new TestSupplier();

    final EnvelopeVerifier verifier = new EnvelopeVerifier(
            supplier.keys(supplier::keySet, new MemoryStores(), Clock.fixed(supplier.now(), ZoneOffset.UTC)));

    @Test
    void everyCodeOfASignedBatchGivesItsOwnFacts() throws Exception {
        List<String> batch = supplier.batch(
                EnvelopeVerifier.CODE_TYPE,
                List.of(
                        supplier.claims(new TopUp(1000), 3).build(),
                        supplier.claims(new TopUp(2000), 4).build(),
                        supplier.claims(new TopUp(3000), 5).build()));

        for (int i = 0; i < 3; i++) {
            SignedCode code = verifier.verifyCode(batch.get(i), TestSupplier.recipient());
            assertThat(code.command()).isEqualTo(new TopUp(1000 * (i + 1)));
            assertThat(code.counter()).isEqualTo(3 + i);
            assertThat(code.blocks())
                    .isEqualTo(supplier.code(new TopUp(1000 * (i + 1)), 3 + i).blocks());
            assertThat(code.keyId()).isEqualTo("demo-energy-20260101-0a1b2c3d");
            assertThat(code.envelope()).isEqualTo(batch.get(i));
            assertThat(code.id()).isEqualTo(TestSupplier.idOf(batch.get(i)));
        }
    }

    @Test
    void aBatchOfOneVerifies() throws Exception {
        String one = supplier.batch(
                        EnvelopeVerifier.CODE_TYPE,
                        List.of(supplier.claims(new TopUp(500), 9).build()))
                .get(0);

        assertThat(verifier.verifyCode(one, TestSupplier.recipient()).counter()).isEqualTo(9);
    }

    @Test
    void factsChangedAfterSigningAreRefused() {
        String genuine = supplier.batch(
                        EnvelopeVerifier.CODE_TYPE,
                        List.of(
                                supplier.claims(new TopUp(1000), 3).build(),
                                supplier.claims(new TopUp(2000), 4).build()))
                .get(0);
        // The same digits' facts re-stated for £50.00, keeping the path and the signed root.
        String forged = leaf(supplier.claims(new TopUp(5000), 3).build()) + genuine.substring(genuine.indexOf('~'));

        assertRefused(forged, EnvelopeProblem.BAD_SIGNATURE);
    }

    @Test
    void aLeafMovedToAnotherBatchsProofIsRefused() {
        List<JWTClaimsSet> facts = List.of(
                supplier.claims(new TopUp(1000), 3).build(),
                supplier.claims(new TopUp(2000), 4).build());
        String first = supplier.batch(EnvelopeVerifier.CODE_TYPE, facts).get(0);
        String other = supplier.batch(
                        EnvelopeVerifier.CODE_TYPE,
                        List.of(
                                supplier.claims(new TopUp(9000), 3).build(),
                                supplier.claims(new TopUp(9000), 4).build()))
                .get(0);
        String moved = first.substring(0, first.indexOf('~')) + other.substring(other.indexOf('~'));

        assertRefused(moved, EnvelopeProblem.BAD_SIGNATURE);
    }

    @Test
    void aNoticeOfTheBatchPresentedAsACodeIsRefused() {
        String notice = supplier.batch(
                        EnvelopeVerifier.NOTICE_TYPE,
                        List.of(supplier.noticeFacts(
                                supplier.now(), supplier.now().plusSeconds(86_400))))
                .get(0);

        assertRefused(notice, EnvelopeProblem.WRONG_TYPE);
    }

    @Test
    void aNoticeSignedInABatchGivesItsPeriod() throws Exception {
        String notice = supplier.batch(
                        EnvelopeVerifier.NOTICE_TYPE,
                        List.of(supplier.noticeFacts(
                                supplier.now(), supplier.now().plusSeconds(86_400))))
                .get(0);

        assertThat(verifier.verifyNotice(notice, TestSupplier.recipient()).until())
                .isEqualTo(supplier.now().plusSeconds(86_400));
    }

    @Test
    void aBatchSignedWithAnotherSuppliersKeyIsRefused() {
        String envelope = supplier.batch(
                        EnvelopeVerifier.CODE_TYPE,
                        List.of(supplier.claims(new TopUp(1000), 3).build()),
                        TestSupplier.newKey("other-energy-20260101-0a1b2c3d"),
                        null)
                .get(0);

        assertRefused(envelope, EnvelopeProblem.WRONG_KEY_OWNER);
    }

    @Test
    void aBatchForgedWithAnUnpublishedKeyOfTheSupplierIsRefused() {
        String envelope = supplier.batch(
                        EnvelopeVerifier.CODE_TYPE,
                        List.of(supplier.claims(new TopUp(1000), 3).build()),
                        TestSupplier.newKey("demo-energy-20260101-0a1b2c3d"),
                        null)
                .get(0);

        assertRefused(envelope, EnvelopeProblem.BAD_SIGNATURE);
    }

    @Test
    void aRootThatNamesAnotherSupplierOrNoSizeIsRefused() {
        List<JWTClaimsSet> facts = List.of(supplier.claims(new TopUp(1000), 3).build());
        String genuine = supplier.batch(EnvelopeVerifier.CODE_TYPE, facts).get(0);
        String root = rootOf(genuine);

        assertRefused(
                resign(
                        facts,
                        new JWTClaimsSet.Builder()
                                .issuer("other-energy")
                                .claim("size", 1)
                                .claim("root", root)
                                .build()),
                EnvelopeProblem.NOT_FOR_THIS_ACCOUNT);
        assertRefused(
                resign(
                        facts,
                        new JWTClaimsSet.Builder()
                                .issuer(TestSupplier.SUPPLIER)
                                .claim("root", root)
                                .build()),
                EnvelopeProblem.MALFORMED);
        assertRefused(
                resign(
                        facts,
                        new JWTClaimsSet.Builder()
                                .issuer(TestSupplier.SUPPLIER)
                                .claim("size", 2)
                                .claim("root", root)
                                .build()),
                EnvelopeProblem.BAD_SIGNATURE);
    }

    @Test
    void aBatchEnvelopeWithABrokenLayoutIsMalformed() {
        String genuine = supplier.batch(
                        EnvelopeVerifier.CODE_TYPE,
                        List.of(supplier.claims(new TopUp(1000), 3).build()))
                .get(0);
        String[] parts = genuine.split("~");

        assertRefused(parts[0] + "~" + parts[2], EnvelopeProblem.MALFORMED);
        assertRefused(parts[0] + "~AAA*~" + parts[2], EnvelopeProblem.MALFORMED);
        assertRefused(parts[0] + "~" + parts[1] + "~not-a-jws", EnvelopeProblem.MALFORMED);
        assertRefused(parts[0] + "\n~" + parts[1] + "~" + parts[2], EnvelopeProblem.MALFORMED);
    }

    @Test
    void theDigitsMustStillCarryTheStatedCommand() {
        String envelope = supplier.batch(
                        EnvelopeVerifier.CODE_TYPE,
                        List.of(supplier.claims(new TopUp(1000), 3)
                                .claim("parameters", java.util.Map.of("amount", "99.00"))
                                .build()))
                .get(0);

        assertRefused(envelope, EnvelopeProblem.DIGITS_DO_NOT_MATCH);
    }

    private void assertRefused(String envelope, EnvelopeProblem expected) {
        assertThatThrownBy(() -> verifier.verifyCode(envelope, TestSupplier.recipient()))
                .isInstanceOfSatisfying(UntrustedEnvelopeException.class, e -> assertThat(e.problem())
                        .isEqualTo(expected));
    }

    private static String leaf(JWTClaimsSet facts) {
        return uk.lifeline.envelope.BatchEnvelope.leaf(EnvelopeVerifier.CODE_TYPE, facts.toString());
    }

    private static String rootOf(String envelope) {
        try {
            return com.nimbusds.jwt.SignedJWT.parse(envelope.substring(envelope.lastIndexOf('~') + 1))
                    .getJWTClaimsSet()
                    .getStringClaim("root");
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resign(List<JWTClaimsSet> facts, JWTClaimsSet root) {
        return supplier.batch(EnvelopeVerifier.CODE_TYPE, facts, supplierKey(), root)
                .get(0);
    }

    private static com.nimbusds.jose.jwk.ECKey supplierKey() {
        return supplier.signingKey();
    }
}
