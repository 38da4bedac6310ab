package uk.lifeline.backend.reach.ladder;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The escalation ladder ({@code lifeline.reach.ladder.*}).
 *
 * @param appDeadline how long the app has to fetch a code before a text (an emergency notice's codes:
 *     {@code emergencyAppDeadline})
 * @param textDeadline how long a text has to be delivered before a call
 * @param voiceDeadline how long after a call before the call centre's list
 * @param suppliers per supplier code, its own {@code app-deadline} and {@code emergency-app-deadline}
 * @param textsPerSecond, callsPerSecond the most texts and calls the ladder starts a second
 * @param lookBack how far back the ladder looks for released codes it has not seen
 */
@ConfigurationProperties("lifeline.reach.ladder")
public record LadderProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("60m") Duration appDeadline,
        @DefaultValue("15m") Duration emergencyAppDeadline,
        @DefaultValue("30m") Duration textDeadline,
        @DefaultValue("30m") Duration voiceDeadline,
        Map<String, Deadlines> suppliers,
        @DefaultValue("50") int textsPerSecond,
        @DefaultValue("5") int callsPerSecond,
        @DefaultValue("500") int batchSize,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("2d") Duration lookBack) {

    /** A supplier's own app deadlines; either may be left out. */
    public record Deadlines(Duration appDeadline, Duration emergencyAppDeadline) {}

    /** How long the app has for a code of this supplier, emergency or not. */
    Duration appDeadline(String supplierCode, boolean emergency) {
        Deadlines own = suppliers == null ? null : suppliers.get(supplierCode);
        Duration d = own == null ? null : emergency ? own.emergencyAppDeadline() : own.appDeadline();
        return d != null ? d : emergency ? emergencyAppDeadline : appDeadline;
    }
}
