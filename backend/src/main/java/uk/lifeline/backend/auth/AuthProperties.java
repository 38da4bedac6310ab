package uk.lifeline.backend.auth;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How tokens are issued and checked.
 *
 * @param issuer the {@code iss} the backend writes and requires
 * @param audience the {@code aud} the backend writes and requires
 * @param tokenTtl how long a sign-in token lasts
 * @param jwkSetUri set to trust an external issuer's keys instead of the backend's own (the sign-in endpoint is
 *     then switched off)
 * @param jwsAlgorithms the algorithms accepted from the external issuer
 */
@ConfigurationProperties("lifeline.auth")
public record AuthProperties(
        String issuer, String audience, Duration tokenTtl, String jwkSetUri, List<String> jwsAlgorithms) {

    public boolean external() {
        return jwkSetUri != null && !jwkSetUri.isBlank();
    }
}
