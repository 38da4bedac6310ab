package uk.lifeline.backend.auth;

import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Refuses a customer's token whose session has been revoked, on every request (not cached: revoking must take
 * effect at once, on every instance). Staff tokens last minutes and are not looked up. Thread-safe.
 */
final class RevocationCheckingDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final SessionRevocations sessions;

    RevocationCheckingDecoder(ReactiveJwtDecoder delegate, SessionRevocations sessions) {
        this.delegate = delegate;
        this.sessions = sessions;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        return delegate.decode(token).flatMap(jwt -> {
            List<String> roles = jwt.getClaimAsStringList(Caller.ROLES_CLAIM);
            if (roles == null || !roles.contains(Role.CUSTOMER.name())) {
                return Mono.just(jwt);
            }
            return sessions.revoked(UUID.fromString(jwt.getSubject()))
                    .flatMap(revoked ->
                            revoked ? Mono.error(new BadJwtException("the app session was revoked")) : Mono.just(jwt));
        });
    }
}
