package uk.lifeline.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.lifeline.json.JsonReader;
import uk.lifeline.prepay.ConsumptionProfile;
import uk.lifeline.prepay.MeterEvent;
import uk.lifeline.prepay.MeterState;
import uk.lifeline.prepay.Simulation;
import uk.lifeline.prepay.Simulator;

/**
 * {@code lifeline-codes simulate}: runs a meter configuration through half-hourly consumption and events, and
 * prints the timeline and the final state (docs/tariff.md, "The simulate tool"). Stateless.
 */
final class Simulate {

    static final String USAGE = "  lifeline-codes simulate --meter METER.json --consumption READINGS.csv "
            + "[--events EVENTS.txt] [--format csv|jsonl]";
    private static final List<String> OPTIONS = Arrays.asList("--meter", "--consumption", "--events", "--format");

    private Simulate() {}

    /**
     * @return 0, or 64 for a usage error
     * @throws IllegalArgumentException for a bad configuration, reading or event (the message names it)
     * @throws IOException for a file that cannot be read
     */
    static int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty()) {
            String name = rest.remove(0);
            if (!OPTIONS.contains(name) || rest.isEmpty() || options.put(name, rest.remove(0)) != null) {
                err.println("simulate: bad or repeated option '" + name + "', or no value\nusage:\n" + USAGE);
                return LifelineCodes.USAGE;
            }
        }
        if (!options.containsKey("--meter") || !options.containsKey("--consumption")) {
            err.println("simulate needs --meter and --consumption\nusage:\n" + USAGE);
            return LifelineCodes.USAGE;
        }
        TimelineFormat format = TimelineFormat.of(options.getOrDefault("--format", "csv"));
        ConsumptionProfile profile = ConsumptionCsv.read(lines(options.get("--consumption")));
        String json = new String(Files.readAllBytes(Paths.get(options.get("--meter"))), StandardCharsets.UTF_8);
        MeterState start;
        try {
            start = MeterConfiguration.read(JsonReader.parse(json), profile.start());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "meter configuration " + options.get("--meter") + ": " + e.getMessage(), e);
        }
        List<MeterEvent> events = options.containsKey("--events")
                ? EventsFile.read(lines(options.get("--events")))
                : Collections.<MeterEvent>emptyList();
        Simulation simulation = Simulator.run(start, profile, events);
        format.write(simulation.timeline(), simulation.end(), out);
        return LifelineCodes.OK;
    }

    private static List<String> lines(String file) throws IOException {
        return Files.readAllLines(Paths.get(file), StandardCharsets.UTF_8);
    }
}
