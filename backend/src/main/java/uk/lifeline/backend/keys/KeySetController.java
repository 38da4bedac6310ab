package uk.lifeline.backend.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.tenant.Supplier;
import uk.lifeline.backend.tenant.Suppliers;

/**
 * A supplier's envelope key set signed by its trust anchor, which is what the customer app trusts (it bundles
 * the anchor's public key and takes envelope keys from nothing else): a compact JWS of type
 * {@value #TYPE}, ES256, {@code kid} the anchor's, with claims {@code iss} (the supplier), {@code iat},
 * {@code exp} and {@code keys} (every envelope key of the supplier still published, as public JWKs).
 *
 * <p>Production: the anchor's private key stays offline with the supplier, who signs the key set whenever the
 * envelope keys change and gives it to the operator as {@code <keys dir>/<supplier>/envelope-keys.jws}; this
 * serves that file as it is. Development and the demo: without that file, the backend signs the set itself with
 * the anchor in its key ring ({@link KeyPurpose#TRUST_ANCHOR}, generated when missing keys are generated).
 * Thread-safe.
 */
@RestController
class KeySetController {

    static final String TYPE = "lifeline-keys+jwt";
    static final String SIGNED_FILE = "envelope-keys.jws";
    /** How long a key set the backend signs itself is good for; the app refuses an expired one. */
    static final Duration LIFETIME = Duration.ofDays(30);

    private final Suppliers suppliers;
    private final KeyRing keys;
    private final Path dir;
    private final Clock clock;

    KeySetController(Suppliers suppliers, KeyRing keys, KeyProperties properties, Clock clock) {
        this.suppliers = suppliers;
        this.keys = keys;
        this.dir = properties.dir();
        this.clock = clock;
    }

    @GetMapping("/.well-known/lifeline/keys/{supplier}")
    Mono<ResponseEntity<String>> keySet(@PathVariable String supplier) {
        return suppliers
                .all()
                .filter(s -> s.code().equals(supplier))
                .next()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("supplier", shortened(supplier))))
                .publishOn(Schedulers.boundedElastic())
                .map(s -> {
                    String signed = signedBySupplier(s);
                    return ResponseEntity.ok()
                            .cacheControl(
                                    CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                            .contentType(MediaType.parseMediaType("application/jose"))
                            .body(signed != null ? signed : signHere(s));
                });
    }

    private String signedBySupplier(Supplier supplier) {
        Path file = dir == null ? null : dir.resolve(supplier.code()).resolve(SIGNED_FILE);
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private String signHere(Supplier supplier) {
        EcKeyPair anchor;
        try {
            anchor = keys.current(supplier.code(), KeyPurpose.TRUST_ANCHOR);
        } catch (IllegalStateException noAnchorHere) {
            throw ApiException.notFound("signed key set for supplier", supplier.code());
        }
        Instant now = clock.instant();
        List<Map<String, Object>> published = keys.all(supplier.code(), KeyPurpose.ENVELOPE_SIGNING).stream()
                .map(k -> new ECKey.Builder(Curve.P_256, k.publicKey())
                        .keyID(k.kid())
                        .algorithm(JWSAlgorithm.ES256)
                        .keyUse(KeyUse.SIGNATURE)
                        .build()
                        .toPublicJWK()
                        .toJSONObject())
                .toList();
        SignedJWT jws = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(anchor.kid())
                        .type(new JOSEObjectType(TYPE))
                        .build(),
                new JWTClaimsSet.Builder()
                        .issuer(supplier.code())
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(LIFETIME)))
                        .claim("keys", published)
                        .build());
        try {
            jws.sign(new ECDSASigner(anchor.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign " + supplier.code() + "'s key set", e);
        }
        return jws.serialize();
    }

    private static String shortened(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
