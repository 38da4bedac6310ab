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
 * no device runs the dex here: a genuine envelope verifies and reads right, a forged one is refused, and JSON
 * goes both ways through nimbus-jose-jwt's shaded Gson. Exits 1 on any difference. Usage: ShrunkCodeCheck DIR
 */
public final class ShrunkCodeCheck {

    private ShrunkCodeCheck() {}

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        String jwks = read(dir.resolve("jwks.json"));
        String[] cache = new String[1];
        EnvelopeVerifier verifier = new EnvelopeVerifier(new SupplierKeys(() -> jwks, new SupplierKeys.Cache() {
            @Override
            public String load() {
                return cache[0];
            }

            @Override
            public void save(String json) {
                cache[0] = json;
            }
        }, Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneOffset.UTC)));
        Recipient recipient = new Recipient("demo-energy", "5f0c6f64-8a3c-4f5e-9f0e-2b7d0c1e4a11");

        SignedCode code = verifier.verifyCode(read(dir.resolve("envelope.txt")), recipient);
        expect(CommandWords.describe(code.command(), When.at(Instant.parse("2026-12-01T09:00:00Z"))),
                "changes your price to 24.862p per kWh and 60.97p a day standing charge");
        expect(Integer.toString(code.blocks().size()), "2");
        try {
            verifier.verifyCode(read(dir.resolve("forged.txt")), recipient);
            fail("a forged envelope verified");
        } catch (UntrustedEnvelopeException e) {
            expect(e.problem().name(), EnvelopeProblem.BAD_SIGNATURE.name());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", "REJECTED");
        body.put("reason", "locked-out");
        expect(Json.write(body), "{\"outcome\":\"REJECTED\",\"reason\":\"locked-out\"}");
        expect(CodesPage.parse("{\"items\":[{\"id\":\"a\",\"status\":\"ISSUED\",\"envelope\":\"x.y.z\"}],"
                + "\"nextCursor\":\"c\"}").items().get(0).envelope(), "x.y.z");
        System.out.println("The shrunk core verifies envelopes, refuses forgeries and reads and writes JSON.");
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
