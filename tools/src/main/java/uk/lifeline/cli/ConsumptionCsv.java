package uk.lifeline.cli;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import uk.lifeline.prepay.ConsumptionProfile;

/**
 * Reads half-hourly consumption (docs/tariff.md, "Consumption file"): a {@code start,kwh} header, then one line
 * per half hour, its start as an ISO-8601 date-time with an offset or Z (so the hour that happens twice when the
 * clocks go back is never ambiguous) and the kWh used, to three decimals. Half hours must follow on with no gap:
 * missing data is refused, never taken as zero. Stateless.
 */
final class ConsumptionCsv {

    static final String HEADER = "start,kwh";

    private ConsumptionCsv() {}

    /** @throws IllegalArgumentException naming the line that is wrong */
    static ConsumptionProfile read(List<String> lines) {
        int first = 0;
        while (first < lines.size() && isBlankOrComment(lines.get(first))) {
            first++;
        }
        if (first == lines.size() || !lines.get(first).trim().equals(HEADER)) {
            throw new IllegalArgumentException("consumption: the first line must be the header " + HEADER);
        }
        long[] wattHours = new long[lines.size()];
        int count = 0;
        Instant start = null;
        for (int i = first + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (isBlankOrComment(line)) {
                continue;
            }
            String where = "consumption line " + (i + 1);
            String[] fields = line.split(",", -1);
            if (fields.length != 2) {
                throw new IllegalArgumentException(where + ": expected start,kwh");
            }
            Instant at = instant(where, fields[0]);
            if (start == null) {
                start = at;
            } else if (!at.equals(start.plus(ConsumptionProfile.HALF_HOUR.multipliedBy(count)))) {
                throw new IllegalArgumentException(where + ": expected the half hour starting "
                        + start.plus(ConsumptionProfile.HALF_HOUR.multipliedBy(count)) + ", got " + at
                        + " (readings must follow on, without gaps)");
            }
            wattHours[count++] = MeterConfiguration.kwhToWattHours(where + " kwh", fields[1]);
        }
        if (start == null) {
            throw new IllegalArgumentException("consumption: no readings");
        }
        try {
            return ConsumptionProfile.of(start, java.util.Arrays.copyOf(wattHours, count));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("consumption: " + e.getMessage(), e);
        }
    }

    /** An ISO-8601 date-time with offset, e.g. {@code 2026-03-29T02:00+01:00} or {@code 2026-03-29T01:00:00Z}. */
    static Instant instant(String where, String text) {
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(where + ": '" + text.trim()
                    + "' is not a date-time with an offset, e.g. 2026-03-29T02:00+01:00 or 2026-03-29T01:00Z");
        }
    }

    static boolean isBlankOrComment(String line) {
        return line.trim().isEmpty() || line.trim().startsWith("#");
    }
}
