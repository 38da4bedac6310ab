package uk.lifeline.app.testing;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;
import uk.lifeline.app.supplier.SupplierDirectory;
import uk.lifeline.code.Pem;

/**
 * Build tool (never in the APK): writes the supplier configuration a build bundles ({@code suppliers.jws}).
 *
 * <p>{@code DemoSupplierBundle <keys dir> <service URL> <out file> [<given bundle>]}. With a given bundle (the
 * production path: the supplier signed its configuration offline with its anchor), that file is checked and
 * copied. Without one it makes the DEMO supplier's configuration: it takes the demo supplier's trust anchor from
 * {@code <keys dir>/demo-energy/trust-anchor/} in the backend's key-folder layout, making one there when there is
 * none, so a backend started with the same {@code lifeline.keys.dir} signs its envelope key set with the anchor
 * this build trusts. The anchor's private key stays in that folder (outside the repository), never in the APK.
 */
public final class DemoSupplierBundle {

    static final String DEMO = "demo-energy";

    private DemoSupplierBundle() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: DemoSupplierBundle <keys dir> <service URL> <out> [<given>]");
        }
        Path out = Path.of(args[2]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        boolean plainHttp = args[1].startsWith("http://");
        if (args.length > 3 && !args[3].isBlank()) {
            String given = Files.readString(Path.of(args[3]), StandardCharsets.US_ASCII);
            SupplierDirectory.parse(given, plainHttp);
            Files.writeString(out, given, StandardCharsets.US_ASCII);
            System.out.println("Bundled the supplier configuration " + args[3]);
            return;
        }
        ECKey anchor = anchor(Path.of(args[0]).resolve(DEMO).resolve("trust-anchor"));
        String line = TestSupplier.configLine(DEMO, "Demo Energy", args[1], anchor);
        SupplierDirectory.parse(line, plainHttp);
        Files.writeString(
                out,
                "# DEMO supplier configuration, signed by the demo trust anchor " + anchor.getKeyID()
                        + " (made by the build; not for a real supplier)\n" + line + "\n",
                StandardCharsets.US_ASCII);
        System.out.println("Bundled the DEMO supplier configuration for " + args[1] + " under anchor "
                + anchor.getKeyID() + " from " + args[0]);
    }

    /** The newest anchor in the folder, or a new one written there as {@code <kid>.key} and {@code <kid>.pem}. */
    private static ECKey anchor(Path folder) throws IOException, GeneralSecurityException {
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                Path newest = files.filter(f -> f.getFileName().toString().endsWith(".key"))
                        .sorted()
                        .reduce((a, b) -> b)
                        .orElse(null);
                if (newest != null) {
                    String name = newest.getFileName().toString();
                    String kid = name.substring(0, name.length() - 4);
                    return new ECKey.Builder(
                                    Curve.P_256, (ECPublicKey) Pem.readPublicKey(newest.resolveSibling(kid + ".pem")))
                            .privateKey((ECPrivateKey) Pem.readPrivateKey(newest))
                            .keyID(kid)
                            .build();
                }
            }
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        byte[] digest =
                MessageDigest.getInstance("SHA-256").digest(pair.getPublic().getEncoded());
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            hex.append(String.format("%02x", digest[i]));
        }
        String kid = DEMO + "-" + LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE) + "-" + hex;
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(kid + ".pem"), Pem.encode(pair.getPublic()), StandardCharsets.US_ASCII);
        Path key = folder.resolve(kid + ".key");
        Files.createFile(key);
        try {
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // The folder's own access control applies.
        }
        Files.writeString(key, Pem.encode(pair.getPrivate()), StandardCharsets.US_ASCII);
        return new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic())
                .privateKey((ECPrivateKey) pair.getPrivate())
                .keyID(kid)
                .build();
    }
}
