package uk.lifeline.backend.delivery;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.problem.ApiException;

/** A customer's phones: register the app's FCM token, list them, remove one. Customers only, their own account. */
@RestController
class DevicesController {

    /** {@code token} is the FCM registration token the app got from Firebase. */
    record Registration(
            @NotBlank @Size(max = 4096) String token,
            @Pattern(regexp = "android|ios|web") String platform,
            @Size(max = 100) String name) {
        @Override
        public String toString() {
            return "Registration[" + platform + ", " + name + "]";
        }
    }

    record Devices(List<PushDevices.Device> items) {}

    private final PushDevices devices;
    private final Clock clock;

    DevicesController(PushDevices devices, Clock clock) {
        this.devices = devices;
        this.clock = clock;
    }

    @PostMapping("/api/v1/me/devices")
    Mono<ResponseEntity<PushDevices.Device>> register(
            @AuthenticationPrincipal Jwt jwt, @Valid @RequestBody Registration registration) {
        Caller caller = Caller.of(jwt);
        return devices.register(
                        caller.supplierId(),
                        caller.customerAccountId(),
                        caller.userId(),
                        registration.token().trim(),
                        registration.platform() == null ? "android" : registration.platform(),
                        registration.name(),
                        clock.instant().truncatedTo(ChronoUnit.MICROS))
                .map(d -> ResponseEntity.status(HttpStatus.CREATED).body(d));
    }

    @GetMapping("/api/v1/me/devices")
    Mono<Devices> mine(@AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        return devices.live(caller.supplierId(), caller.customerAccountId())
                .collectList()
                .map(Devices::new);
    }

    @DeleteMapping("/api/v1/me/devices/{id}")
    Mono<ResponseEntity<Void>> remove(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        Caller caller = Caller.of(jwt);
        UUID device;
        try {
            device = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Mono.error(ApiException.notFound("device", id.length() > 40 ? id.substring(0, 40) : id));
        }
        return devices.retire(
                        caller.supplierId(),
                        caller.customerAccountId(),
                        device,
                        clock.instant().truncatedTo(ChronoUnit.MICROS))
                .flatMap(done -> done
                        ? Mono.just(ResponseEntity.noContent().<Void>build())
                        : Mono.error(ApiException.notFound("device", device)));
    }
}
