package uk.lifeline.backend.switching;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.commissioning.Mpxn;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;

/** Changes of supplier: the gaining supplier records one; both suppliers read theirs (docs/install-codes.md). */
@RestController
class SwitchController {

    record Account(
            @NotBlank @Size(max = 40) String accountNumber,
            @Size(max = 200) String name,
            @Size(max = 30) String phone) {}

    record Body(
            @NotBlank @Size(max = 40) String losingSupplier,
            @NotEmpty @Size(max = 4) List<@NotNull @Pattern(regexp = "[0-9 ]{6,25}") String> mpxns,
            @NotNull LocalDate effectiveOn,
            @NotNull @Valid Account account) {}

    record Items(List<SwitchView> items) {}

    private final SwitchService service;
    private final Switches switches;

    SwitchController(SwitchService service, Switches switches) {
        this.service = service;
        this.switches = switches;
    }

    @PostMapping("/api/v1/change-of-supplier")
    Mono<ResponseEntity<SwitchView>> record(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody Body body) {
        return Mono.defer(() -> {
                    List<String> mpxns = body.mpxns().stream()
                            .map(m -> Mpxn.parse("mpxns", m))
                            .distinct()
                            .toList();
                    Account a = body.account();
                    return service.record(
                            Caller.of(jwt),
                            new SwitchService.Gain(
                                    body.losingSupplier().trim(),
                                    mpxns,
                                    body.effectiveOn(),
                                    a.accountNumber().trim(),
                                    blankToNull(a.name()),
                                    blankToNull(a.phone())));
                })
                .map(view -> ResponseEntity.created(URI.create("/api/v1/change-of-supplier/" + view.id()))
                        .body(view));
    }

    @GetMapping("/api/v1/change-of-supplier")
    Mono<Items> list(@AuthenticationPrincipal Jwt jwt, @RequestParam(required = false) String direction) {
        if (direction != null && !List.of("GAINED", "LOST").contains(direction)) {
            return Mono.error(
                    ApiException.field(ProblemType.VALIDATION, "direction", "unknown direction", "GAINED, LOST"));
        }
        return switches.list(Caller.of(jwt).supplierId(), direction)
                .collectList()
                .map(Items::new);
    }

    @GetMapping("/api/v1/change-of-supplier/{switchId}")
    Mono<SwitchView> get(@AuthenticationPrincipal Jwt jwt, @PathVariable String switchId) {
        return Mono.defer(() -> {
            UUID id = ApiException.uuidOrNotFound("change of supplier", switchId);
            return switches.find(Caller.of(jwt).supplierId(), id)
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound("change of supplier", id)));
        });
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
