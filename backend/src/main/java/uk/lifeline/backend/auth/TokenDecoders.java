package uk.lifeline.backend.auth;

import com.nimbusds.jose.JWSAlgorithm;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Flux;

/**
 * How bearer tokens are checked: Spring's Nimbus-backed decoder, either over the backend's own token-signing
 * keys (ES256 only; never a supplier's envelope keys, so an envelope is not a token) or over an external
 * issuer's JWK set. Either way {@code iss}, {@code aud}, {@code exp} and {@code iat} are required and checked,
 * and so are Lifeline's own claims; a customer's token whose app session was revoked is refused.
 */
@Configuration
class TokenDecoders {

    @Bean
    ReactiveJwtDecoder jwtDecoder(
            AuthProperties properties, TokenService tokens, Clock clock, SessionRevocations sessions) {
        NimbusReactiveJwtDecoder decoder;
        if (properties.external()) {
            NimbusReactiveJwtDecoder.JwkSetUriReactiveJwtDecoderBuilder builder =
                    NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri());
            List<String> algorithms = properties.jwsAlgorithms() == null
                            || properties.jwsAlgorithms().isEmpty()
                    ? List.of("ES256", "RS256")
                    : properties.jwsAlgorithms();
            algorithms.forEach(a -> builder.jwsAlgorithm(SignatureAlgorithm.from(a)));
            decoder = builder.build();
        } else {
            decoder = NimbusReactiveJwtDecoder.withJwkSource(jwt -> Flux.fromIterable(tokens.publicKeys()))
                    .jwsAlgorithm(SignatureAlgorithm.from(JWSAlgorithm.ES256.getName()))
                    .build();
        }
        // Spring fills a missing iat in from exp before validators run, so its absence is caught here.
        MappedJwtClaimSetConverter claims = MappedJwtClaimSetConverter.withDefaults(Map.of());
        decoder.setClaimSetConverter(raw -> {
            if (raw.get(JwtClaimNames.IAT) == null) {
                throw new BadJwtException("the token has no iat");
            }
            return claims.convert(raw);
        });
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(
                JwtValidators.createDefaultWithIssuer(properties.issuer()),
                required(JwtClaimNames.ISS),
                required(JwtClaimNames.EXP),
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(properties.audience())),
                lifelineClaims())));
        return new RevocationCheckingDecoder(new CachingJwtDecoder(decoder, clock, 50_000), sessions);
    }

    /** Without it a token would be accepted for ever (exp), or could not be placed in time (iat). */
    private static OAuth2TokenValidator<Jwt> required(String claim) {
        return new JwtClaimValidator<Object>(claim, Objects::nonNull);
    }

    /** The claims {@link Caller#of} reads must be there and well-formed, or the token is refused (401). */
    private static OAuth2TokenValidator<Jwt> lifelineClaims() {
        OAuth2Error bad = new OAuth2Error("invalid_token", "missing or malformed Lifeline claims", null);
        return jwt -> {
            try {
                Caller caller = Caller.of(jwt);
                if (caller.isCustomer() != (caller.customerAccountId() != null)) {
                    return OAuth2TokenValidatorResult.failure(bad);
                }
                UUID.fromString(jwt.getSubject());
                return OAuth2TokenValidatorResult.success();
            } catch (RuntimeException e) {
                return OAuth2TokenValidatorResult.failure(bad);
            }
        };
    }
}
