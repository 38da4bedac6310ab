package uk.lifeline.backend.risk;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One meter on the at-risk list: who, how dangerous (PSR first), the signals with a reason each in words, and the
 * run-out window with what it rests on. Money in pence. Immutable.
 *
 * @param windowText the window in meter-local time with its zone (GMT/BST), for reading out
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AtRiskEntry(
        int rank,
        String meterId,
        String fuel,
        UUID customerId,
        String customerName,
        boolean psr,
        boolean medicallyDependent,
        List<String> psrNeeds,
        List<Reason> reasons,
        RunOutView runOut,
        long availablePence,
        String supply,
        Instant modelAsOf,
        String modelSource) {

    /** A signal and its reason in words. */
    public record Reason(String signal, String detail) {}

    /** The forecast's window; {@code latest} null when light use lasts past the horizon. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RunOutView(
            String kind, Instant earliest, Instant latest, String windowText, String basis, List<String> restsOn) {}

    AtRiskEntry ranked(int r) {
        return new AtRiskEntry(
                r,
                meterId,
                fuel,
                customerId,
                customerName,
                psr,
                medicallyDependent,
                psrNeeds,
                reasons,
                runOut,
                availablePence,
                supply,
                modelAsOf,
                modelSource);
    }
}
