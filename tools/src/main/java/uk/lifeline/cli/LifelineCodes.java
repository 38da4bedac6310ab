package uk.lifeline.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import uk.lifeline.code.CodeEncoder;
import uk.lifeline.code.CodeKey;
import uk.lifeline.code.CommandCode;
import uk.lifeline.code.Eui64;
import uk.lifeline.code.Pem;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.command.Parameters;
import uk.lifeline.meter.DecoderSettings;
import uk.lifeline.meter.EntryResult;
import uk.lifeline.meter.MeterCodeState;
import uk.lifeline.meter.ReferenceMeterDecoder;

/**
 * {@code lifeline-codes}: issue codes as a supplier would, decode them as a meter would, make test device keys.
 * Exit statuses: 0 accepted or issued, 2 block taken (enter the next), 64 usage, 65 bad parameter,
 * 66 key or state file problem, and 10-18 for each {@link uk.lifeline.meter.Rejection}.
 */
public final class LifelineCodes {

    static final int OK = 0;
    static final int AWAITING_BLOCK = 2;
    static final int USAGE = 64;
    static final int BAD_PARAMETER = 65;
    static final int BAD_FILE = 66;

    // Each subcommand's own usage, printed by "lifeline-codes SUBCOMMAND --help"; together they are the usage.
    private static final String ISSUE_USAGE = String.join(
            "\n",
            "  lifeline-codes issue --supplier-key KEY.pem --originator HEX16 --device HEX16 --device-cert CERT.pem",
            "                       --counter N COMMAND [NAME=VALUE ...]");
    private static final String DECODE_USAGE = String.join(
            "\n",
            "  lifeline-codes decode --device-key KEY.pem --supplier-cert CERT_OR_PUBLIC_KEY.pem --originator HEX16",
            "                        --device HEX16 --state FILE DIGITS...");
    private static final String KEYGEN_USAGE = "  lifeline-codes keygen --private OUT.key --public OUT.pem";
    private static final String DEMO_USAGE =
            "  lifeline-codes demo    (fresh test keys; issues every command and enters it at a reference meter)";
    private static final String COMMANDS_TEXT = String.join(
            "\n",
            "commands: top-up amount=12.34 | deduct-credit amount= | set-credit balance= |",
            "  add-debt register=time-based-1 amount= | deduct-debt register= amount= |",
            "  set-debt register= amount= (rate= period=per-day|per-hour | percent=) |",
            "  change-price unit-rate=24.862 standing-charge=60.97 [from=YYYY-MM-DD] |",
            "  change-time-of-use-price peak-rate= off-peak-rate= off-peak-start=HH:MM off-peak-end=HH:MM",
            "    standing-charge= [from=] |",
            "  set-friendly-credit-period slot=1..4 start=HH:MM end=HH:MM days=weekdays [bank-holidays=true] |",
            "  set-non-disconnect-period start=2026-12-01T06:00:00Z end=2026-12-04T06:00:00Z |",
            "  open-han device=ppmid|ihd|cad|any minutes=60 | change-mode mode=credit|prepayment | revert-to-default",
            "see docs/command-codes.md");
    private static final String USAGE_TEXT = String.join(
            "\n",
            "usage:",
            ISSUE_USAGE,
            DECODE_USAGE,
            KEYGEN_USAGE,
            DEMO_USAGE,
            Simulate.USAGE,
            "  lifeline-codes --version",
            COMMANDS_TEXT);

    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    LifelineCodes(PrintStream out, PrintStream err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    public static void main(String[] args) {
        System.exit(new LifelineCodes(System.out, System.err, Clock.systemUTC()).run(args));
    }

    int run(String[] args) {
        if (args.length == 0) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        if (args[0].equals("--version") || args[0].equals("-V")) {
            out.println("lifeline-codes " + version());
            return OK;
        }
        if (rest.contains("--help") || rest.contains("-h")) {
            String usage = usageOf(args[0]);
            if (usage != null) {
                out.println("usage:\n" + usage);
                return OK;
            }
        }
        try {
            switch (args[0]) {
                case "issue":
                    return issue(rest);
                case "decode":
                    return decode(rest);
                case "keygen":
                    return keygen(rest);
                case "demo":
                    return demo();
                case "simulate":
                    return Simulate.run(rest, out, err);
                case "help":
                case "--help":
                case "-h":
                    out.println(USAGE_TEXT);
                    return OK;
                default:
                    err.println("unknown action '" + args[0] + "'\n" + USAGE_TEXT);
                    return USAGE;
            }
        } catch (UsageException e) {
            err.println(e.getMessage() + "\n" + USAGE_TEXT);
            return USAGE;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return BAD_PARAMETER;
        } catch (IOException | GeneralSecurityException e) {
            err.println("error: " + e.getMessage());
            return BAD_FILE;
        }
    }

    private int issue(List<String> args) throws IOException, GeneralSecurityException {
        Map<String, String> options =
                options(args, "--supplier-key", "--originator", "--device", "--device-cert", "--counter");
        if (args.isEmpty()) {
            throw new UsageException("issue needs a COMMAND");
        }
        MeterCommand command = MeterCommand.parse(args.get(0), Parameters.parse(args.subList(1, args.size())));
        CodeKey key = CodeKey.agree(
                Pem.readPrivateKey(Paths.get(options.get("--supplier-key"))),
                Pem.readPublicKey(Paths.get(options.get("--device-cert"))),
                Eui64.parse(options.get("--originator")),
                Eui64.parse(options.get("--device")));
        long counter;
        try {
            counter = Long.parseLong(options.get("--counter"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--counter must be a whole number, got " + options.get("--counter"));
        }
        CommandCode code = CodeEncoder.encode(command, counter, key);
        for (String block : code.blocks()) {
            out.println(CommandCode.groupInFours(block));
        }
        return OK;
    }

    private int decode(List<String> args) throws IOException, GeneralSecurityException {
        Map<String, String> options =
                options(args, "--device-key", "--supplier-cert", "--originator", "--device", "--state");
        if (args.isEmpty()) {
            throw new UsageException("decode needs the DIGITS");
        }
        Path stateFile = Paths.get(options.get("--state"));
        CodeKey key = CodeKey.agree(
                Pem.readPrivateKey(Paths.get(options.get("--device-key"))),
                Pem.readPublicKey(Paths.get(options.get("--supplier-cert"))),
                Eui64.parse(options.get("--originator")),
                Eui64.parse(options.get("--device")));
        ReferenceMeterDecoder meter =
                new ReferenceMeterDecoder(key, DecoderSettings.DEFAULTS, MeterCodeState.load(stateFile), clock);
        EntryResult result = meter.enterCode(String.join("", args));
        // Save whatever happened: an accepted counter, a block taken, a failure counted towards lockout.
        meter.state().save(stateFile);
        Map<String, String> json = new LinkedHashMap<>();
        if (result instanceof EntryResult.Accepted accepted) {
            json.put("status", Json.string("accepted"));
            json.put("command", Json.string(accepted.command().type().commandName()));
            json.put("counter", Long.toString(accepted.utrnCounter()));
            json.put("parameters", Json.stringObject(accepted.command().parameters()));
            out.println(Json.object(json));
            return OK;
        }
        if (result instanceof EntryResult.AwaitingBlock awaiting) {
            json.put("status", Json.string("awaiting-block"));
            json.put("entered", Integer.toString(awaiting.entered()));
            json.put("blocks", Integer.toString(awaiting.total()));
            out.println(Json.object(json));
            return AWAITING_BLOCK;
        }
        EntryResult.Rejected rejected = (EntryResult.Rejected) result;
        json.put("status", Json.string("rejected"));
        json.put("reason", Json.string(rejected.reason().code()));
        json.put("detail", Json.string(rejected.detail()));
        json.put("advice", Json.string(rejected.reason().advice()));
        out.println(Json.object(json));
        return rejected.reason().exitStatus();
    }

    private int keygen(List<String> args) throws IOException, GeneralSecurityException {
        Map<String, String> options = options(args, "--private", "--public");
        if (!args.isEmpty()) {
            throw new UsageException("keygen takes no further arguments: " + args);
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        Files.write(
                Paths.get(options.get("--private")),
                Pem.encode(pair.getPrivate()).getBytes(StandardCharsets.US_ASCII));
        Files.write(
                Paths.get(options.get("--public")), Pem.encode(pair.getPublic()).getBytes(StandardCharsets.US_ASCII));
        out.println("wrote " + options.get("--private") + " and " + options.get("--public"));
        return OK;
    }

    private int demo() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair supplier = generator.generateKeyPair();
        KeyPair device = generator.generateKeyPair();
        Eui64 originator = Eui64.parse("90B3D51F30010000");
        Eui64 meterId = Eui64.parse("00DB1234567890A0");
        CodeKey issuing = CodeKey.agree(supplier.getPrivate(), device.getPublic(), originator, meterId);
        ReferenceMeterDecoder meter = new ReferenceMeterDecoder(
                CodeKey.agree(device.getPrivate(), supplier.getPublic(), originator, meterId),
                DecoderSettings.DEFAULTS,
                MeterCodeState.FACTORY_FRESH,
                clock);
        String soon = clock.instant()
                .truncatedTo(java.time.temporal.ChronoUnit.DAYS)
                .plus(java.time.Duration.ofDays(1))
                .toString();
        String later = clock.instant()
                .truncatedTo(java.time.temporal.ChronoUnit.DAYS)
                .plus(java.time.Duration.ofDays(4))
                .toString();
        String[][] examples = {
            {"top-up", "amount=12.34"},
            {"top-up", "amount=150"},
            {"deduct-credit", "amount=5.00"},
            {"set-credit", "balance=20.00"},
            {"add-debt", "register=time-based-1", "amount=120.00"},
            {"deduct-debt", "register=time-based-1", "amount=20.00"},
            {"set-debt", "register=payment-based", "amount=300.00", "percent=25"},
            {"change-price", "unit-rate=24.862", "standing-charge=60.97"},
            {
                "change-time-of-use-price",
                "peak-rate=27.03",
                "off-peak-rate=12.5",
                "off-peak-start=23:30",
                "off-peak-end=06:30",
                "standing-charge=53.35"
            },
            {"set-friendly-credit-period", "slot=1", "start=16:00", "end=10:00", "days=all", "bank-holidays=true"},
            {"set-non-disconnect-period", "start=" + soon, "end=" + later},
            {"open-han", "device=ppmid", "minutes=60"},
            {"change-mode", "mode=prepayment"},
            {"revert-to-default"},
        };
        out.println("Supplier " + originator + " and meter " + meterId + ", freshly generated P-256 test keys.");
        long counter = 0;
        for (String[] example : examples) {
            MeterCommand command = MeterCommand.parse(
                    example[0], Parameters.parse(Arrays.asList(example).subList(1, example.length)));
            CommandCode code = CodeEncoder.encode(command, ++counter, issuing);
            out.println();
            out.println(String.join(" ", example));
            out.println("  code:  " + code.grouped());
            out.println("  meter: " + describe(meter.enterCode(code.digits())));
        }
        return OK;
    }

    private static String describe(EntryResult result) {
        if (result instanceof EntryResult.Accepted accepted) {
            return "accepted " + accepted.command().type().commandName() + " "
                    + accepted.command().parameters() + " (counter " + accepted.utrnCounter() + ")";
        }
        if (result instanceof EntryResult.Rejected rejected) {
            return "rejected: " + rejected.reason().code() + " (" + rejected.detail() + ")";
        }
        return result.toString();
    }

    /** Takes the named options (each once, each required) off the front of {@code args}. */
    /** The usage of one subcommand (with the command list where it takes a COMMAND), or null for an unknown one. */
    private static String usageOf(String subcommand) {
        switch (subcommand) {
            case "issue":
                return ISSUE_USAGE + "\n" + COMMANDS_TEXT;
            case "decode":
                return DECODE_USAGE;
            case "keygen":
                return KEYGEN_USAGE;
            case "demo":
                return DEMO_USAGE;
            case "simulate":
                return Simulate.USAGE + "\nsee docs/tariff.md, \"The simulate tool\"";
            default:
                return null;
        }
    }

    /** The build's version, written into version.properties when the jar is built. */
    static String version() {
        Properties properties = new Properties();
        try (InputStream in = LifelineCodes.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }

    private static Map<String, String> options(List<String> args, String... names) {
        Map<String, String> found = new LinkedHashMap<>();
        while (!args.isEmpty() && args.get(0).startsWith("--")) {
            String name = args.remove(0);
            if (!Arrays.asList(names).contains(name)) {
                throw new UsageException("unknown option " + name);
            }
            if (args.isEmpty()) {
                throw new UsageException(name + " needs a value");
            }
            if (found.put(name, args.remove(0)) != null) {
                throw new UsageException(name + " given twice");
            }
        }
        for (String name : names) {
            if (!found.containsKey(name)) {
                throw new UsageException("missing " + name);
            }
        }
        return found;
    }

    private static final class UsageException extends IllegalArgumentException {
        UsageException(String message) {
            super(message);
        }
    }
}
