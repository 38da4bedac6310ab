package uk.lifeline.app;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import uk.lifeline.app.delivery.CodesPage;
import uk.lifeline.app.delivery.Json;
import uk.lifeline.app.supplier.SupplierConfig;
import uk.lifeline.app.supplier.SupplierDirectory;
import uk.lifeline.app.trust.EnvelopeProblem;
import uk.lifeline.app.trust.EnvelopeVerifier;
import uk.lifeline.app.trust.Recipient;
import uk.lifeline.app.trust.SignedCode;
import uk.lifeline.app.trust.SupplierKeys;
import uk.lifeline.app.trust.UntrustedEnvelopeException;
import uk.lifeline.words.CommandWords;
import uk.lifeline.words.When;

/**
 * Runs on the JVM against the R8-shrunk classes (the APK's rules, in class-file form) in the verify phase, since
 * no device runs the dex here: the bundled supplier configuration reads, a genuine envelope verifies under the key
 * set its anchor signed and reads right (a single JWS and one signed in a batch), a forged one is refused, so are
 * facts moved onto another leaf's proof, so is a rogue key set, and JSON
 * goes both ways through nimbus-jose-jwt's shaded Gson. Exits 1 on any difference. Usage: ShrunkCodeCheck DIR
 */
public final class ShrunkCodeCheck {

    private ShrunkCodeCheck() {}

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        SupplierConfig supplier = SupplierDirectory.parse(read(dir.resolve("suppliers.jws")), false)
                .find("demo-energy");
        expect(supplier.phone(), "0800 123 4567");
        EnvelopeVerifier verifier = verifier(supplier, read(dir.resolve("keyset.jws")));
        Recipient recipient = new Recipient("demo-energy", "5f0c6f64-8a3c-4f5e-9f0e-2b7d0c1e4a11");

        SignedCode code = verifier.verifyCode(read(dir.resolve("envelope.txt")), recipient);
        expect(
                CommandWords.describe(code.command(), When.at(Instant.parse("2026-12-01T09:00:00Z"))),
                "changes your price to 24.862p per kWh and 60.97p a day standing charge");
        expect(Integer.toString(code.blocks().size()), "2");
        SignedCode inBatch = verifier.verifyCode(read(dir.resolve("batch-envelope.txt")), recipient);
        expect(
                CommandWords.describe(inBatch.command(), When.at(Instant.parse("2026-12-01T09:00:00Z"))),
                "changes your price to 24.862p per kWh and 60.97p a day standing charge");
        expect(Long.toString(inBatch.counter()), "9");
        try {
            verifier.verifyCode(read(dir.resolve("batch-moved.txt")), recipient);
            fail("facts moved onto another leaf's proof verified");
        } catch (UntrustedEnvelopeException e) {
            expect(e.problem().name(), EnvelopeProblem.BAD_SIGNATURE.name());
        }
        try {
            verifier.verifyCode(read(dir.resolve("forged.txt")), recipient);
            fail("a forged envelope verified");
        } catch (UntrustedEnvelopeException e) {
            expect(e.problem().name(), EnvelopeProblem.BAD_SIGNATURE.name());
        }
        try {
            verifier(supplier, read(dir.resolve("rogue-keyset.jws")))
                    .verifyCode(read(dir.resolve("envelope.txt")), recipient);
            fail("an envelope verified under a key set the supplier's anchor did not sign");
        } catch (UntrustedEnvelopeException e) {
            expect(e.problem().name(), EnvelopeProblem.UNTRUSTED_KEY_SET.name());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", "REJECTED");
        body.put("reason", "locked-out");
        expect(Json.write(body), "{\"outcome\":\"REJECTED\",\"reason\":\"locked-out\"}");
        expect(
                CodesPage.parse("{\"items\":[{\"id\":\"a\",\"status\":\"ISSUED\",\"envelope\":\"x.y.z\"}],"
                                + "\"nextCursor\":\"c\"}")
                        .items()
                        .get(0)
                        .envelope(),
                "x.y.z");
        System.out.println(
                "The shrunk core reads the bundled supplier, verifies envelopes under its anchor, refuses forgeries and"
                        + " rogue key sets, and reads and writes JSON.");
    }

    private static EnvelopeVerifier verifier(SupplierConfig supplier, String keySet) {
        String[] cache = new String[1];
        return new EnvelopeVerifier(new SupplierKeys(
                () -> keySet,
                new SupplierKeys.Cache() {
                    @Override
                    public String load() {
                        return cache[0];
                    }

                    @Override
                    public void save(String json) {
                        cache[0] = json;
                    }
                },
                Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneOffset.UTC),
                supplier.anchor()));
    }

    private static String read(Path file) throws java.io.IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
    }

    private static void expect(String actual, String expected) {
        if (!expected.equals(actual)) {
            fail("expected " + expected + " but got " + actual);
        }
    }

    private static void fail(String message) {
        System.err.println("Shrunk-code check failed: " + message);
        System.exit(1);
    }
}
