package uk.lifeline.backend.psr;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/** What an agent records: need codes ({@link PsrNeed#code()}), consent, review date, nominee, note. Immutable. */
public record PsrRequest(
        @NotNull @Size(min = 1, max = 20) List<String> needs,
        @NotNull Boolean consent,
        @NotNull LocalDate reviewDate,
        @Size(max = 200) String nominee,
        @Size(max = 500) String note) {}
