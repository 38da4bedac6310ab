package uk.lifeline.backend.issuing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a code would do, without issuing it: the command as the meter would read it back, its size, whether it
 * would need approval and why, where the meter's counter stands, and the effect on the meter's balance and
 * supply where that can be worked out. Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CodePreview(String meterId, String meterType, String wanState, String command,
        Map<String, String> parameters, int blocks, int digits, ApprovalPreview approval, CounterPreview counter,
        Instant expiresAt, Effect effect) {

    public record ApprovalPreview(boolean required, List<String> reasons) {}

    /**
     * @param next the counter the code would get
     * @param highestAccepted the highest counter the meter is known to have accepted
     * @param remaining how many more codes can be issued before results must come back
     */
    public record CounterPreview(long next, long highestAccepted, long remaining) {}

    /**
     * The effect on the meter. {@code computed} is false when it cannot be worked out from what the backend
     * knows; {@code notes} then says why, and no numbers are given.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Effect(boolean computed, List<String> notes, Map<String, Object> values) {}
}
