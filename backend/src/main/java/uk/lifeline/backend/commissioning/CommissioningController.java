package uk.lifeline.backend.commissioning;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.commissioning.CommissioningView.SupplyView;

/** A device's commissioning record, its install code and the gaining supplier's credentials (docs/install-codes.md). */
@RestController
class CommissioningController {

    record InstallBody(
            @NotNull CommissioningState state,
            InstallReason reason,
            LocalDate installedOn,
            @Size(max = 100) String installCode) {

        @Override
        public String toString() {
            return "InstallBody[state=" + state + ", reason=" + reason + ", installedOn=" + installedOn + "]";
        }
    }

    record CommissionedBody(Instant commissionedAt) {}

    record Why(@NotBlank @Size(max = 500) String reason) {}

    private final CommissioningService service;
    private final InstallCodes codes;

    CommissioningController(CommissioningService service, InstallCodes codes) {
        this.service = service;
        this.codes = codes;
    }

    @GetMapping("/api/v1/devices/{deviceId}/commissioning")
    Mono<CommissioningView> get(@AuthenticationPrincipal Jwt jwt, @PathVariable String deviceId) {
        return service.view(Caller.of(jwt), deviceId);
    }

    @PutMapping("/api/v1/devices/{deviceId}/commissioning")
    Mono<CommissioningView> record(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String deviceId, @Valid @RequestBody InstallBody body) {
        return service.record(
                Caller.of(jwt),
                deviceId,
                new CommissioningService.Install(body.state(), body.reason(), body.installedOn(), body.installCode()));
    }

    @PostMapping("/api/v1/devices/{deviceId}/commissioning/commissioned")
    Mono<CommissioningView> commissioned(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String deviceId,
            @RequestBody(required = false) CommissionedBody body) {
        return service.commissioned(Caller.of(jwt), deviceId, body == null ? null : body.commissionedAt());
    }

    @PostMapping("/api/v1/devices/{deviceId}/supplier-credentials")
    Mono<SupplyView> credentials(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String deviceId, @Valid @RequestBody Why why) {
        return service.credentialsInstalled(
                Caller.of(jwt), deviceId, why.reason().trim());
    }

    /** The only answer that carries an install code: never cached, and audited before it is sent. */
    @PostMapping("/api/v1/devices/{deviceId}/install-code/reveal")
    Mono<ResponseEntity<InstallCodes.Revealed>> reveal(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String deviceId, @Valid @RequestBody Why why) {
        return codes.reveal(Caller.of(jwt), deviceId, why.reason().trim()).map(revealed -> ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header("Pragma", "no-cache")
                .body(revealed));
    }
}
