package uk.lifeline.backend.auth;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers tokens it has fully verified, keyed by their exact text, until they expire: an agent's token is
 * checked once, not on every request (an ES256 verification costs about a millisecond). A remembered token is
 * still refused once its {@code exp} passes. Bounded: when full it forgets everything. Thread-safe.
 */
final class CachingJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final Clock clock;
    private final int capacity;
    private final ConcurrentMap<String, Jwt> verified = new ConcurrentHashMap<>();

    CachingJwtDecoder(ReactiveJwtDecoder delegate, Clock clock, int capacity) {
        this.delegate = delegate;
        this.clock = clock;
        this.capacity = capacity;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.get(token);
        if (known != null) {
            if (known.getExpiresAt() != null && clock.instant().isBefore(known.getExpiresAt())) {
                return Mono.just(known);
            }
            verified.remove(token);
            return Mono.error(new JwtValidationException(
                    "the token has expired",
                    java.util.List.of(new org.springframework.security.oauth2.core.OAuth2Error(
                            "invalid_token", "expired", null))));
        }
        return delegate.decode(token).doOnNext(jwt -> {
            if (verified.size() >= capacity) {
                verified.clear();
            }
            if (jwt.getExpiresAt() != null) {
                verified.put(token, jwt);
            }
        });
    }
}
