package uk.lifeline.backend.console;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.notice.Area;

/**
 * The dry run before a campaign: how many meters and customers an area holds, so operations staff confirm the
 * reach before launching. The area is checked as {@code POST /api/v1/notices} checks it (same errors). A fuel
 * narrows it to one meter type, as a price change does; none counts both, as a notice does. Writes nothing.
 */
@RestController
class AffectedController {

    record AreaRequest(
            Boolean all, @Size(max = Area.MOST_DISTRICTS) List<String> districts) {}

    record Request(
            @NotNull @Valid AreaRequest area,
            @Pattern(regexp = "ELECTRICITY|GAS") String fuel) {}

    record Answer(List<String> districts, boolean all, String fuel, AffectedMeters.Count count) {}

    private final AffectedMeters affected;

    AffectedController(AffectedMeters affected) {
        this.affected = affected;
    }

    @PostMapping("/api/v1/console/affected")
    Mono<Answer> count(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody Request request) {
        return Mono.defer(() -> {
            Area area = Area.of(request.area().all(), request.area().districts());
            String[] types = request.fuel() == null
                    ? new String[] {"ESME", "GSME"}
                    : new String[] {"ELECTRICITY".equals(request.fuel()) ? "ESME" : "GSME"};
            return affected.count(Caller.of(jwt).supplierId(), area, types)
                    .map(count -> new Answer(area.districts(), area.all(), request.fuel(), count));
        });
    }
}
