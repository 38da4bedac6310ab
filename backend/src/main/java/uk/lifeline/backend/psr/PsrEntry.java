package uk.lifeline.backend.psr;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A customer's Priority Services Register entry: needs, consent (and when it was given), when to review it, and a
 * nominee who may be contacted for them. Immutable.
 */
public record PsrEntry(
        UUID customerId,
        List<PsrNeed> needs,
        boolean consent,
        Instant consentAt,
        LocalDate reviewDate,
        String nominee,
        String note,
        UUID updatedBy,
        Instant updatedAt,
        long version) {

    public boolean medicallyDependent() {
        return needs.stream().anyMatch(PsrNeed::medicallyDependent);
    }
}
