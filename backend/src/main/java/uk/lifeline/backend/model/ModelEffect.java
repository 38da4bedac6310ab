package uk.lifeline.backend.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a code would do to the meter, worked out by the shared tariff engine from the backend's modelled state.
 * {@code computed} is false when the backend has no model of the meter (or cannot run the engine on it);
 * {@code notes} then says why and nothing else is given. Otherwise {@code outcome} is {@code applied}, with the
 * state {@code before} and {@code after}, each change the engine made in order, and for a top-up where its money
 * went; or {@code refused}, with the engine's reason, and {@code after} equal to {@code before}. Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelEffect(
        boolean computed,
        List<String> notes,
        String outcome,
        RefusalView refusal,
        ModelInfo model,
        MeterView before,
        MeterView after,
        Allocation allocation,
        List<ChangeView> changes) {

    public static final String APPLIED = "applied";
    public static final String REFUSED = "refused";

    /** The engine's refusal: a stable code (e.g. {@code over-maximum-balance}), advice in plain words, detail. */
    public record RefusalView(String code, String advice, String detail) {}

    /** Which model the effect was worked out on. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ModelInfo(
            Instant asOf, String source, UUID sourceCodeId, Instant updatedAt, long version, String diverged) {}

    /**
     * Where a top-up's money goes, in the engine's order: payment-based debt share, Accumulated Debt Register,
     * shortfall below the disablement threshold, emergency credit used, and the rest to the balance.
     */
    public record Allocation(
            long amountPence,
            long paymentDebtPence,
            long accumulatedDebtPence,
            long shortfallPence,
            long emergencyCreditPence,
            long balancePence) {}

    /** One change, as the engine's timeline records it; {@code balancePence} and {@code supply} just after it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChangeView(String change, long amountPence, String note, long balancePence, String supply) {}

    public static ModelEffect notComputed(String... notes) {
        return new ModelEffect(false, List.of(notes), null, null, null, null, null, null, null);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean refused() {
        return REFUSED.equals(outcome);
    }
}
