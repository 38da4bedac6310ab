package uk.lifeline.backend.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import uk.lifeline.backend.model.ModelEffect;

/**
 * What a code would do, without issuing it: the command as the meter would read it back, its size, whether it
 * would need approval and why, where the meter's counter stands, what the code would do to the meter's balance,
 * debt, emergency credit, tariff, supply and protected periods (the shared tariff engine run on the backend's
 * modelled state of the meter), and whether issuing it would go ahead. {@code description} and
 * {@code descriptionCy} say what it does in English and Welsh (as {@link CodeView} does). Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CodePreview(
        String meterId,
        String meterType,
        String wanState,
        String command,
        Map<String, String> parameters,
        String description,
        String descriptionCy,
        int blocks,
        int digits,
        ApprovalPreview approval,
        CounterPreview counter,
        Instant expiresAt,
        ModelEffect effect,
        Issuable issuable) {

    public record ApprovalPreview(boolean required, List<String> reasons) {}

    /**
     * Whether {@code POST .../codes} with the same body would issue a code now: false when the modelled meter
     * would refuse it ({@code reason} is then the problem type issuing answers with) or the counter window is
     * used up.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Issuable(boolean allowed, String problem, String reason) {}

    /**
     * @param next the counter the code would get
     * @param highestAccepted the highest counter the meter is known to have accepted
     * @param remaining how many more codes can be issued before results must come back
     */
    public record CounterPreview(long next, long highestAccepted, long remaining) {}
}
