package uk.lifeline.backend.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import uk.lifeline.code.Pem;

/**
 * Key pairs for simulated meters. A real meter's private key never leaves the meter; a simulated one's is
 * written to a folder outside the database and the API, so the CLI or a test can play the meter. Stateless.
 */
public final class DemoMeterKeys {

    private DemoMeterKeys() {}

    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot make P-256 keys", e);
        }
    }

    /** Writes {@code <eui64>.key} (private, owner-only) and {@code <eui64>.pem} (public) into {@code folder}. */
    public static void save(Path folder, String eui64, KeyPair pair) {
        try {
            Files.createDirectories(folder);
            Path readme = folder.resolve("README.txt");
            if (!Files.exists(readme)) {
                Files.writeString(
                        readme,
                        "Simulated meters' key-agreement keys, made for the Lifeline demo data.\n"
                                + "A real meter keeps its private key inside the meter. Use these with\n"
                                + "  bin/lifeline-codes decode --device-key <EUI>.key ...\n"
                                + "to play the meter. Never use them for anything real.\n");
            }
            Path key = folder.resolve(eui64 + ".key");
            Files.writeString(key, Pem.encode(pair.getPrivate()), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the folder's own access control applies.
            }
            Files.writeString(folder.resolve(eui64 + ".pem"), Pem.encode(pair.getPublic()), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write simulated meter keys into " + folder, e);
        }
    }

    public static java.security.PrivateKey load(Path folder, String eui64)
            throws IOException, GeneralSecurityException {
        return Pem.readPrivateKey(folder.resolve(eui64 + ".key"));
    }
}
