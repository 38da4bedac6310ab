package uk.lifeline.backend.auth;

import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * Whether a long-lived session behind a token has been ended early (an app's session revoked because the phone
 * was lost): the token check asks for every customer token, so a revoked session is refused at once.
 */
public interface SessionRevocations {

    /** True when {@code subject} (a token's {@code sub}) is a session that has been revoked. */
    Mono<Boolean> revoked(UUID subject);
}
