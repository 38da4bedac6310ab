package uk.lifeline.backend.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a console session lasts (issue 16).
 *
 * @param ttl from sign-in to the session's end, however often it is renewed (a shift)
 * @param reuseGrace how long a just-rotated refresh token still works: two tabs renewing at the same moment
 *     both send it; later, its use means a copy was stolen, and the session is revoked
 */
@ConfigurationProperties("lifeline.auth.console-session")
public record ConsoleSessionProperties(
        @DefaultValue("12h") Duration ttl,
        @DefaultValue("30s") Duration reuseGrace) {}
