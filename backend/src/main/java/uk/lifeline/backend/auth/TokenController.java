package uk.lifeline.backend.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;
import uk.lifeline.backend.problem.Problems;

/**
 * Sign-in for the embedded default: a username and password for a short-lived token. Password checks run off
 * the event loop (they are slow on purpose), and an unknown user costs the same as a wrong password. Failed
 * attempts are limited ({@link SignInThrottle}): per username and address, 429 with {@code Retry-After} without
 * checking the password; per username or address, a delay before the password is checked.
 */
@RestController
class TokenController {

    record TokenRequest(
            @NotBlank @Size(max = 100) String username,
            @NotBlank @Size(max = 200) String password) {
        @Override
        public String toString() {
            return "TokenRequest[" + username + "]";
        }
    }

    record TokenResponse(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn) {}

    private final Users users;
    private final PasswordEncoder passwords;
    private final TokenService tokens;
    private final AuthProperties properties;
    private final String unknownUserHash;
    private final SignInThrottle throttle;

    TokenController(
            Users users,
            PasswordEncoder passwords,
            TokenService tokens,
            AuthProperties properties,
            SignInThrottle throttle) {
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.properties = properties;
        this.unknownUserHash = passwords.encode("no such user");
        this.throttle = throttle;
    }

    @PostMapping("/api/v1/auth/token")
    Mono<ResponseEntity<Object>> token(@Valid @RequestBody TokenRequest request, ServerHttpRequest http) {
        if (properties.external()) {
            return Mono.error(new ApiException(
                    ProblemType.NOT_FOUND, "sign-in is handled by the external issuer " + properties.issuer()));
        }
        SignInThrottle.Decision decision = throttle.begin(request.username(), address(http));
        if (decision instanceof SignInThrottle.Decision.Refuse refuse) {
            long seconds = Math.max(1, (refuse.retryAfter().toMillis() + 999) / 1000);
            return Mono.just(ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.of(
                            ProblemType.TOO_MANY_ATTEMPTS,
                            "too many failed sign-ins for this username" + " from this address; try again in " + seconds
                                    + " s",
                            http.getPath().value(),
                            List.of())));
        }
        SignInThrottle.Decision.Go go = (SignInThrottle.Decision.Go) decision;
        Mono<Long> slowDown = go.delay().isZero() ? Mono.just(0L) : Mono.delay(go.delay());
        return slowDown.then(users.byUsername(request.username()))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .publishOn(Schedulers.boundedElastic())
                .flatMap(user -> {
                    String hash = user.map(Users.User::passwordHash).orElse(unknownUserHash);
                    boolean matches = passwords.matches(request.password(), hash);
                    if (user.isPresent() && matches) {
                        throttle.succeeded(go.attempt());
                    }
                    return user.filter(u -> matches)
                            .map(u -> Mono.just(ResponseEntity.ok()
                                    .<Object>body(new TokenResponse(
                                            tokens.issue(
                                                    u.id(),
                                                    u.supplierId(),
                                                    u.role(),
                                                    u.customerAccountId(),
                                                    u.username()),
                                            "Bearer",
                                            tokens.ttlSeconds()))))
                            .orElseGet(() -> Mono.error(
                                    new ApiException(ProblemType.INVALID_CREDENTIALS, "wrong username or password")));
                });
    }

    /** The client's address as the server sees it (behind a proxy, see server.forward-headers-strategy). */
    private static String address(ServerHttpRequest http) {
        InetSocketAddress remote = http.getRemoteAddress();
        return remote == null || remote.getAddress() == null
                ? "unknown"
                : remote.getAddress().getHostAddress();
    }
}
