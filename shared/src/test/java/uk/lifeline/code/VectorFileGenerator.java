package uk.lifeline.code;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import uk.lifeline.meter.DecoderSettings;
import uk.lifeline.meter.EntryResult;
import uk.lifeline.meter.MeterCodeState;
import uk.lifeline.meter.ReferenceMeterDecoder;
import uk.lifeline.testing.Examples;
import uk.lifeline.testing.TestKeys;

/**
 * Writes docs/command-code-vectors.json: every command encoded with the public test keys, and entry sequences
 * with the meter's expected answer to each block. Run it after a deliberate format change only, with
 * {@code bin/regenerate-vectors}; CommandCodeVectorsTest checks the file against the code on every build.
 */
public final class VectorFileGenerator {

    static final Instant METER_TIME = Instant.parse("2026-11-23T00:00:00Z");

    public static void main(String[] args) throws Exception {
        Path out = TestKeys.docsDir().resolve("command-code-vectors.json");
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("format", "lifeline-command-codes");
        root.put("version", 1);
        root.put("spec", "docs/command-codes.md");
        root.put("note", "Public test keys only. Blocks are 20 digits; a chained code's blocks are entered in order.");
        root.put("meterTime", METER_TIME.toString());
        keys(root.putObject("keys"));

        ArrayNode vectors = root.putArray("vectors");
        gbcsVector(vectors, "GBCS known UTRN 1", 1, "top-up amount=100", "73943333457189043313");
        gbcsVector(vectors, "GBCS known UTRN 2", 4, "top-up amount=12.34", "73947252416745201637");
        long counter = 0;
        CodeKey key = TestKeys.issuingKey();
        for (Map.Entry<String, String> example : Examples.commandLines().entrySet()) {
            CommandCode code = CodeEncoder.encode(Examples.parse(example.getValue()), ++counter, key);
            vector(vectors, example.getKey(), TestKeys.METER, code, true);
        }
        sequences(root.putArray("sequences"));
        Files.write(out, (json.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8));
        System.out.println("wrote " + out);
    }

    private static void keys(ObjectNode keys) throws Exception {
        ObjectNode supplier = keys.putObject("supplier");
        supplier.put("originator", TestKeys.ORIGINATOR.toString());
        supplier.put("privateKeyPem", read(TestKeys.supplierPrivateFile()));
        supplier.put("publicKeyPem", read(TestKeys.supplierPublicFile()));
        ObjectNode meter = keys.putObject(TestKeys.METER.toString());
        meter.put("privateKeyPem", read(TestKeys.meterPrivateFile()));
        meter.put("publicKeyPem", read(TestKeys.meterPublicFile()));
        ObjectNode gbcs = keys.putObject(TestKeys.GBCS_METER.toString());
        gbcs.put("certificatePem", read(TestKeys.gbcsMeterCertificateFile()));
        gbcs.put("note", "private key not published: encode-only vectors");
    }

    private static void gbcsVector(ArrayNode vectors, String name, long counter, String line, String expected) {
        CommandCode code = CodeEncoder.encode(Examples.parse(line), counter, TestKeys.gbcsIssuingKey());
        if (!code.digits().equals(expected)) {
            throw new IllegalStateException(name + ": encoder gives " + code.digits() + ", GBCS says " + expected);
        }
        vector(vectors, name, TestKeys.GBCS_METER, code, false);
    }

    private static void vector(ArrayNode vectors, String name, Eui64 device, CommandCode code, boolean decodable) {
        ObjectNode v = vectors.addObject();
        v.put("name", name);
        v.put("device", device.toString());
        v.put("counter", code.utrnCounter());
        v.put("command", code.command().type().commandName());
        v.put("subclass", code.command().type().subclass());
        ObjectNode parameters = v.putObject("parameters");
        code.command().parameters().forEach(parameters::put);
        ArrayNode ptuts = v.putArray("ptuts");
        ArrayNode blocks = v.putArray("blocks");
        for (String block : code.blocks()) {
            blocks.add(block);
            ptuts.add(String.format("%016X", Ptut.fromCheckedDigits(block)));
        }
        v.put("decodable", decodable);
    }

    /** Entry sequences at a factory-fresh meter 0011223344556677, each block with the answer it gets. */
    private static void sequences(ArrayNode sequences) {
        CodeKey key = TestKeys.issuingKey();
        CodeKey otherMeter = TestKeys.gbcsIssuingKey();
        String topUp1 = encode("top-up amount=10", 1, key).digits();
        sequence(sequences, "replay is refused", topUp1, topUp1);
        sequence(
                sequences,
                "one digit wrong is a typo",
                topUp1.substring(0, 7) + (char) ('0' + (topUp1.charAt(7) - '0' + 1) % 10) + topUp1.substring(8));
        sequence(
                sequences,
                "adjacent digits swapped is a typo",
                topUp1.substring(0, 5) + topUp1.charAt(6) + topUp1.charAt(5) + topUp1.substring(7));
        sequence(
                sequences,
                "a code for another meter fails the MAC",
                encode("top-up amount=10", 1, otherMeter).digits());
        CommandCode tou = encode(Examples.commandLines().get("change to Economy 7"), 5, key);
        sequence(sequences, "chained code in order", tou.blocks().toArray(new String[0]));
        sequence(sequences, "chained code out of order", tou.blocks().get(1));
        CommandCode price = encode("change-price unit-rate=24.5 standing-charge=50", 6, key);
        sequence(
                sequences,
                "block from another code",
                tou.blocks().get(0),
                price.blocks().get(1),
                tou.blocks().get(1),
                tou.blocks().get(2));
        sequence(
                sequences,
                "a set command older than an accepted code is superseded; a top-up is not",
                encode("top-up amount=5", 3, key).digits(),
                encode("set-credit balance=20", 2, key).digits(),
                encode("top-up amount=5", 1, key).digits());
        CommandCode olderPrice = encode("change-price unit-rate=24.5 standing-charge=50", 8, key);
        sequence(
                sequences,
                "a price change still goes in after a newer top-up",
                encode("top-up amount=5", 9, key).digits(),
                olderPrice.blocks().get(0),
                olderPrice.blocks().get(1));
        sequence(
                sequences,
                "a set-credit voids older top-ups but not other settings",
                encode("set-credit balance=20", 4, key).digits(),
                encode("top-up amount=5", 3, key).digits(),
                encode("open-han device=ppmid minutes=30", 2, key).digits());
        sequence(
                sequences,
                "a revert to default voids every older code",
                encode("revert-to-default", 4, key).digits(),
                encode("top-up amount=5", 3, key).digits(),
                encode("top-up amount=5", 5, key).digits());
        sequence(
                sequences,
                "a genuine code more than 512 ahead is out of window, then fits once earlier codes are in",
                encode("top-up amount=5", 600, key).digits(),
                encode("top-up amount=5", 300, key).digits(),
                encode("top-up amount=5", 600, key).digits());
        sequence(
                sequences,
                "a genuine code more than 511 behind the newest is too old",
                encode("top-up amount=5", 300, key).digits(),
                encode("top-up amount=5", 800, key).digits(),
                encode("top-up amount=5", 100, key).digits());
        CommandCode ended =
                encode("set-non-disconnect-period start=2026-11-01T00:00:00Z end=2026-11-02T00:00:00Z", 7, key);
        sequence(
                sequences,
                "a non-disconnect period that has ended is expired",
                ended.blocks().toArray(new String[0]));
        sequence(sequences, "reserved sub class 13 is unsupported", Ptut.toDigits((13L << 57) | (1L << 47) | 0x1234L));
        List<String> lockout = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            lockout.add(encode("top-up amount=" + i, i, otherMeter).digits());
        }
        sequence(sequences, "five bad MACs lock the keypad for 10 s", lockout.toArray(new String[0]));
    }

    private static CommandCode encode(String line, long counter, CodeKey key) {
        return CodeEncoder.encode(Examples.parse(line), counter, key);
    }

    private static void sequence(ArrayNode sequences, String name, String... blocks) {
        ReferenceMeterDecoder meter = new ReferenceMeterDecoder(
                TestKeys.meterKey(),
                DecoderSettings.DEFAULTS,
                MeterCodeState.FACTORY_FRESH,
                Clock.fixed(METER_TIME, ZoneOffset.UTC));
        ObjectNode s = sequences.addObject();
        s.put("name", name);
        ArrayNode entries = s.putArray("entries");
        for (String block : blocks) {
            ObjectNode entry = entries.addObject();
            entry.put("block", block);
            entry.put("expect", answer(meter.enterBlock(block)));
        }
    }

    /** The answer's stable name: accepted, awaiting-block, or the rejection code. */
    static String answer(EntryResult result) {
        if (result instanceof EntryResult.Accepted) {
            return "accepted";
        }
        if (result instanceof EntryResult.AwaitingBlock) {
            return "awaiting-block";
        }
        return ((EntryResult.Rejected) result).reason().code();
    }

    private static String read(Path file) throws java.io.IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
    }
}
