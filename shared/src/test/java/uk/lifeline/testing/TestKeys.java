package uk.lifeline.testing;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import uk.lifeline.code.CodeKey;
import uk.lifeline.code.Eui64;
import uk.lifeline.code.Pem;

/**
 * The public test keys the tests use: the GBCS reference supplier and meter (../shared/testdata/gbcs), and
 * Lifeline's simulated meter 0011223344556677 (docs/test-keys), whose private key we have, so codes made for it
 * can be decoded. Never real keys.
 */
public final class TestKeys {

    public static final Eui64 ORIGINATOR = Eui64.parse("90B3D51F30010000");
    public static final Eui64 GBCS_METER = Eui64.parse("00DB1234567890A0");
    public static final Eui64 METER = Eui64.parse("0011223344556677");

    private TestKeys() {}

    public static Path gbcsDir() {
        return Paths.get(System.getProperty("lifeline.gbcs.testdata", "../../shared/testdata/gbcs"));
    }

    public static Path docsDir() {
        return Paths.get(System.getProperty("lifeline.docs", "../docs"));
    }

    public static Path supplierPrivateFile() {
        return gbcsDir().resolve("90b3d51f30010000-pp-ka.key");
    }

    public static Path gbcsMeterCertificateFile() {
        return gbcsDir().resolve("00db1234567890a0-ka.pem");
    }

    public static Path supplierPublicFile() {
        return docsDir().resolve("test-keys/supplier-90b3d51f30010000-pp-ka.pem");
    }

    public static Path meterPrivateFile() {
        return docsDir().resolve("test-keys/meter-0011223344556677-ka.key");
    }

    public static Path meterPublicFile() {
        return docsDir().resolve("test-keys/meter-0011223344556677-ka.pem");
    }

    public static PrivateKey supplierPrivate() {
        return unchecked(() -> Pem.readPrivateKey(supplierPrivateFile()));
    }

    public static PublicKey supplierPublic() {
        return unchecked(() -> Pem.readPublicKey(supplierPublicFile()));
    }

    /** The supplier's key for the GBCS reference meter, whose private key is not published. */
    public static CodeKey gbcsIssuingKey() {
        return unchecked(() -> CodeKey.agree(
                supplierPrivate(), Pem.readPublicKey(gbcsMeterCertificateFile()), ORIGINATOR, GBCS_METER));
    }

    /** The supplier's key for Lifeline's simulated meter. */
    public static CodeKey issuingKey() {
        return unchecked(
                () -> CodeKey.agree(supplierPrivate(), Pem.readPublicKey(meterPublicFile()), ORIGINATOR, METER));
    }

    /** The simulated meter's own key: its private key with the supplier's public key. */
    public static CodeKey meterKey() {
        return unchecked(
                () -> CodeKey.agree(Pem.readPrivateKey(meterPrivateFile()), supplierPublic(), ORIGINATOR, METER));
    }

    public static KeyPair freshKeyPair() {
        return unchecked(() -> {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        });
    }

    /** Issuing and meter-side keys for a brand-new meter and supplier pair. */
    public static CodeKey[] freshPair(Eui64 originator, Eui64 device) {
        KeyPair supplier = freshKeyPair();
        KeyPair meter = freshKeyPair();
        return unchecked(() -> new CodeKey[] {
            CodeKey.agree(supplier.getPrivate(), meter.getPublic(), originator, device),
            CodeKey.agree(meter.getPrivate(), supplier.getPublic(), originator, device),
        });
    }

    interface Failable<T> {
        T get() throws Exception;
    }

    private static <T> T unchecked(Failable<T> body) {
        try {
            return body.get();
        } catch (Exception e) {
            throw new IllegalStateException("test keys unavailable: " + e.getMessage(), e);
        }
    }
}
