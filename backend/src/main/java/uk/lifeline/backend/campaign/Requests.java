package uk.lifeline.backend.campaign;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The bodies that start campaigns. Immutable. */
final class Requests {

    private Requests() {}

    /** Every customer ({@code all: true}) or the premises in the listed postcode districts. */
    record AreaRequest(Boolean all, @Size(max = 1000) List<String> districts) {}

    /** An extreme-weather notice: what customers see, why, where, and the window their supply stays on. */
    record Notice(@NotBlank @Size(max = 80) String title, @NotBlank @Size(max = 500) String message,
            @NotBlank @Size(max = 500) String reason, @NotNull @Valid AreaRequest area, @NotNull Instant startsAt,
            @NotNull Instant endsAt) {}

    /**
     * New prices for one fuel's meters in an area: {@code change-price} or {@code change-time-of-use-price} with
     * the parameters the code takes, {@code from} (the date they take effect) included.
     */
    record PriceChange(@NotBlank String command, @NotNull Map<String, String> parameters,
            @NotNull @Pattern(regexp = "ELECTRICITY|GAS") String fuel, @NotNull @Valid AreaRequest area,
            @NotBlank @Size(max = 500) String reason, @Size(max = 80) String title, @Size(max = 500) String message) {}

    /** Why a campaign is cancelled. */
    record Cancel(@NotBlank @Size(max = 500) String reason) {}
}
