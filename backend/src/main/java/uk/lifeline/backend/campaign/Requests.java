package uk.lifeline.backend.campaign;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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

    /**
     * An extreme-weather notice: what customers see, why, where, and the window their supply stays on;
     * {@code appDeadlineMinutes} how long the app has to fetch a code before the escalation ladder texts (absent:
     * the supplier's or the default).
     */
    record Notice(
            @NotBlank @Size(max = 80) String title,
            @NotBlank @Size(max = 500) String message,
            @NotBlank @Size(max = 500) String reason,
            @NotNull @Valid AreaRequest area,
            @NotNull Instant startsAt,
            @NotNull Instant endsAt,
            @Min(1) @Max(MAX_APP_DEADLINE_MINUTES) Integer appDeadlineMinutes) {}

    /** A campaign's own app deadline is at most a day: a code that waits longer for a text helps nobody in a storm. */
    static final int MAX_APP_DEADLINE_MINUTES = 1440;

    /**
     * New prices for one fuel's meters in an area: {@code change-price} or {@code change-time-of-use-price} with
     * the parameters the code takes, {@code from} (the date they take effect) included; {@code appDeadlineMinutes}
     * as for a notice.
     */
    record PriceChange(
            @NotBlank String command,
            @NotNull Map<String, String> parameters,
            @NotNull @Pattern(regexp = "ELECTRICITY|GAS") String fuel,
            @NotNull @Valid AreaRequest area,
            @NotBlank @Size(max = 500) String reason,
            @Size(max = 80) String title,
            @Size(max = 500) String message,
            @Min(1) @Max(MAX_APP_DEADLINE_MINUTES) Integer appDeadlineMinutes) {}

    /** Why a campaign is cancelled. */
    record Cancel(@NotBlank @Size(max = 500) String reason) {}
}
