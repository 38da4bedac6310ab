package uk.lifeline.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.command.Parameters;
import uk.lifeline.prepay.MeterEvent;

/**
 * Reads a simulation's events (docs/tariff.md, "Events file"): one a line, {@code AT WHAT [NAME=VALUE ...]}, where
 * AT is an ISO-8601 date-time with an offset and WHAT is {@code button}, {@code emergency-credit}, or a command
 * as {@code lifeline-codes issue} takes it (the code is taken as accepted by the meter's decoder). {@code #}
 * starts a comment. Stateless.
 */
final class EventsFile {

    private EventsFile() {}

    /** @throws IllegalArgumentException naming the line that is wrong */
    static List<MeterEvent> read(List<String> lines) {
        List<MeterEvent> events = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (ConsumptionCsv.isBlankOrComment(line)) {
                continue;
            }
            String where = "events line " + (i + 1);
            List<String> words = new ArrayList<>(Arrays.asList(line.trim().split("\\s+")));
            if (words.size() < 2) {
                throw new IllegalArgumentException(where + ": expected AT WHAT [NAME=VALUE ...]");
            }
            Instant at = ConsumptionCsv.instant(where, words.get(0));
            String what = words.get(1);
            List<String> parameters = words.subList(2, words.size());
            if (what.equals("button") || what.equals("emergency-credit")) {
                if (!parameters.isEmpty()) {
                    throw new IllegalArgumentException(where + ": " + what + " takes no parameters");
                }
                events.add(
                        what.equals("button")
                                ? new MeterEvent.ButtonPressed(at)
                                : new MeterEvent.EmergencyCreditRequested(at));
            } else {
                try {
                    events.add(new MeterEvent.CodeEntered(at, MeterCommand.parse(what, Parameters.parse(parameters))));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
                }
            }
        }
        return events;
    }
}
