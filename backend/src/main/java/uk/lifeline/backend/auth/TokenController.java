package uk.lifeline.backend.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;

/**
 * Sign-in for the embedded default: a username and password for a short-lived token. Password checks run off
 * the event loop (they are slow on purpose), and an unknown user costs the same as a wrong password.
 */
@RestController
class TokenController {

    record TokenRequest(@NotBlank @Size(max = 100) String username, @NotBlank @Size(max = 200) String password) {
        @Override
        public String toString() {
            return "TokenRequest[" + username + "]";
        }
    }

    record TokenResponse(@JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType, @JsonProperty("expires_in") long expiresIn) {}

    private final Users users;
    private final PasswordEncoder passwords;
    private final TokenService tokens;
    private final AuthProperties properties;
    private final String unknownUserHash;

    TokenController(Users users, PasswordEncoder passwords, TokenService tokens, AuthProperties properties) {
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.properties = properties;
        this.unknownUserHash = passwords.encode("no such user");
    }

    @PostMapping("/api/v1/auth/token")
    Mono<TokenResponse> token(@Valid @RequestBody TokenRequest request) {
        if (properties.external()) {
            return Mono.error(new ApiException(ProblemType.NOT_FOUND,
                    "sign-in is handled by the external issuer " + properties.issuer()));
        }
        return users.byUsername(request.username())
                .map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty())
                .publishOn(Schedulers.boundedElastic())
                .flatMap(user -> {
                    String hash = user.map(Users.User::passwordHash).orElse(unknownUserHash);
                    boolean matches = passwords.matches(request.password(), hash);
                    return user.filter(u -> matches)
                            .map(u -> Mono.just(new TokenResponse(
                                    tokens.issue(u.id(), u.supplierId(), u.role(), u.customerAccountId(), u.username()),
                                    "Bearer", tokens.ttlSeconds())))
                            .orElseGet(() -> Mono.error(new ApiException(ProblemType.INVALID_CREDENTIALS,
                                    "wrong username or password")));
                });
    }
}
