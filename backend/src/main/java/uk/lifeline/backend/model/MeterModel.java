package uk.lifeline.backend.model;

import java.time.Instant;
import java.util.UUID;
import uk.lifeline.prepay.MeterState;

/**
 * What the backend last knew of one meter's prepayment state, and where that came from. Immutable.
 *
 * @param state the engine's state, whose {@code asOf} is when it was true
 * @param sourceCodeId the accepted code that made it, for {@link ModelSource#MODELLED}; otherwise null
 * @param diverged null, or why the model stopped matching the meter (a code the meter accepted that the model
 *     would have refused)
 * @param updatedBy the user whose action wrote it, or null for the system
 * @param version 1 on first write, one more at every change
 */
public record MeterModel(
        UUID supplierId,
        UUID deviceId,
        MeterState state,
        ModelSource source,
        UUID sourceCodeId,
        String diverged,
        UUID updatedBy,
        Instant updatedAt,
        long version) {

    public MeterModel changed(
            MeterState newState, ModelSource newSource, UUID codeId, String why, UUID by, Instant at) {
        return new MeterModel(supplierId, deviceId, newState, newSource, codeId, why, by, at, version + 1);
    }
}
