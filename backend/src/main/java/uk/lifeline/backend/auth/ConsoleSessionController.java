package uk.lifeline.backend.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A console's session across its tabs and past its 15-minute tokens (issue 16). After signing in, the console
 * starts a session ({@code POST /api/v1/auth/console-session}, with its token): the answer sets an HttpOnly,
 * SameSite=Strict cookie that only this path ever sees. Each tab then gets its own short access token from
 * {@code POST .../refresh} (the cookie rotates on each use), so a new tab or a renewal never asks for the password
 * again and no token is written to localStorage. {@code DELETE} ends it (sign-out). The token is never in a URL.
 */
@RestController
class ConsoleSessionController {

    static final String PATH = "/api/v1/auth/console-session";
    static final String COOKIE = "lifeline_console_session";

    record Session(@JsonProperty("session_expires_at") Instant sessionExpiresAt) {}

    record Renewed(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn,
            @JsonProperty("session_expires_at") Instant sessionExpiresAt) {}

    private final ConsoleSessions sessions;
    private final TokenService tokens;
    private final Clock clock;

    ConsoleSessionController(ConsoleSessions sessions, TokenService tokens, Clock clock) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.clock = clock;
    }

    @PostMapping(PATH)
    Mono<ResponseEntity<Session>> start(@AuthenticationPrincipal Jwt jwt, ServerHttpRequest request) {
        return Mono.defer(() -> sessions.start(Caller.of(jwt))).map(s -> ResponseEntity.status(201)
                .header("Set-Cookie", cookie(request, s.newToken(), s.expiresAt()))
                .body(new Session(s.expiresAt())));
    }

    @PostMapping(PATH + "/refresh")
    Mono<ResponseEntity<Renewed>> refresh(ServerHttpRequest request) {
        return sessions.renew(presented(request)).map(r -> {
            ResponseEntity.BodyBuilder answer = ResponseEntity.ok().header("Cache-Control", "no-store");
            if (r.newToken() != null) {
                answer.header("Set-Cookie", cookie(request, r.newToken(), r.expiresAt()));
            }
            // A renewed token never outlives its session.
            Duration ttl = Duration.ofSeconds(Math.min(
                    tokens.ttlSeconds(),
                    Math.max(1, Duration.between(clock.instant(), r.expiresAt()).toSeconds())));
            return answer.body(new Renewed(
                    tokens.issue(r.userId(), r.supplierId(), r.role(), null, r.username(), ttl),
                    "Bearer",
                    ttl.toSeconds(),
                    r.expiresAt()));
        });
    }

    @DeleteMapping(PATH)
    Mono<ResponseEntity<Void>> signOut(ServerHttpRequest request) {
        return sessions.signOut(presented(request)).then(Mono.fromSupplier(() -> ResponseEntity.noContent()
                .header("Set-Cookie", cookie(request, "", null))
                .<Void>build()));
    }

    private static String presented(ServerHttpRequest request) {
        HttpCookie cookie = request.getCookies().getFirst(COOKIE);
        return cookie == null ? null : cookie.getValue();
    }

    /** The refresh cookie: script cannot read it, other sites never send it, only this path receives it. */
    private String cookie(ServerHttpRequest request, String value, Instant expiresAt) {
        Duration age = expiresAt == null ? Duration.ZERO : Duration.between(clock.instant(), expiresAt);
        return ResponseCookie.from(COOKIE, value)
                .httpOnly(true)
                .sameSite("Strict")
                .path(PATH)
                .secure("https".equals(request.getURI().getScheme()))
                .maxAge(age)
                .build()
                .toString();
    }
}
