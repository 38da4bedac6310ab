package uk.lifeline.app.credit;

import java.time.Instant;
import java.util.Map;
import uk.lifeline.app.delivery.Json;
import uk.lifeline.forecast.DaysLeft;

/**
 * One meter's credit as the backend forecasts it ({@code GET /api/v1/me/run-out}): the run-out window from the
 * shared engine, what it rests on, and the modelled credit. The days left are worked out on the phone, at the
 * phone's time, by shared's {@link DaysLeft}: the same rule the backend uses, so the app and the agents' console
 * say the same. Immutable.
 *
 * @param earliest when the credit may run out at the earliest; null when there is no window (credit mode, or
 *     nothing within the forecast's 30 days)
 * @param latest when it has run out by; null when light use lasts past the forecast's horizon
 * @param basis what the home's use is worked out from: {@code reported-balances}, {@code top-up-history} or
 *     {@code typical-profile}
 */
public record MeterCredit(
        String meterId, String fuel, Instant earliest, Instant latest, String basis, long availablePence) {

    /** @throws IllegalArgumentException when a member is missing or of the wrong type */
    public static MeterCredit of(Map<String, Object> item) {
        Map<String, Object> runOut = Json.object(item, "runOut");
        String earliest = Json.optionalText(runOut, "earliest");
        String latest = Json.optionalText(runOut, "latest");
        try {
            return new MeterCredit(
                    Json.text(item, "meterId"),
                    Json.text(item, "fuel"),
                    earliest == null ? null : Instant.parse(earliest),
                    latest == null ? null : Instant.parse(latest),
                    Json.text(runOut, "basis"),
                    Json.number(item, "availablePence"));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("runOut holds a time that is not ISO-8601: " + e.getMessage(), e);
        }
    }

    /** The days left at {@code now}, or null when there is no window. */
    public DaysLeft daysLeft(Instant now) {
        return earliest == null ? null : DaysLeft.of(earliest, latest, now);
    }
}
