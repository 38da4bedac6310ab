package uk.lifeline.backend.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import uk.lifeline.backend.keys.EcKeyPair;
import uk.lifeline.backend.keys.KeyPurpose;
import uk.lifeline.backend.keys.KeyRing;

/** Issues the backend's own short-lived sign-in tokens (ES256 JWTs) and publishes their public keys. Thread-safe. */
@Component
public class TokenService {

    private final KeyRing keys;
    private final AuthProperties properties;
    private final Clock clock;

    public TokenService(KeyRing keys, AuthProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    /** A signed token for a user; {@code customer} is null except for customers. */
    public String issue(UUID userId, UUID supplierId, Role role, UUID customer, String username) {
        return issue(userId, supplierId, role, customer, username, properties.tokenTtl());
    }

    /** The same, lasting {@code ttl} (an activated app's session: see the activation package). */
    public String issue(UUID userId, UUID supplierId, Role role, UUID customer, String username, Duration ttl) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .audience(properties.audience())
                .subject(userId.toString())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .claim("preferred_username", username)
                .claim(Caller.SUPPLIER_CLAIM, supplierId.toString())
                .claim(Caller.ROLES_CLAIM, List.of(role.name()));
        if (customer != null) {
            claims.claim(Caller.CUSTOMER_CLAIM, customer.toString());
        }
        EcKeyPair key = keys.current(KeyRing.BACKEND, KeyPurpose.TOKEN_SIGNING);
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(key.kid())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims.build());
        try {
            jwt.sign(new ECDSASigner(key.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a token with key " + key.kid(), e);
        }
        return jwt.serialize();
    }

    /** The public token-signing keys, for the JWK set and for checking tokens. */
    public List<JWK> publicKeys() {
        return keys.all(KeyRing.BACKEND, KeyPurpose.TOKEN_SIGNING).stream()
                .<JWK>map(k -> new ECKey.Builder(Curve.P_256, k.publicKey())
                        .keyID(k.kid())
                        .algorithm(JWSAlgorithm.ES256)
                        .keyUse(com.nimbusds.jose.jwk.KeyUse.SIGNATURE)
                        .build())
                .toList();
    }

    public long ttlSeconds() {
        return properties.tokenTtl().toSeconds();
    }
}
