package uk.lifeline.backend.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.keys.KeyPurpose;
import uk.lifeline.backend.keys.KeyRing;
import uk.lifeline.backend.tenant.Suppliers;

/**
 * The public keys that verify what the backend signs: its sign-in tokens and every supplier's code envelopes,
 * each under its kid so keys can rotate (old kids stay published while codes signed with them are live). Only
 * public parts are ever written.
 */
@RestController
class JwksController {

    private final TokenService tokens;
    private final Suppliers suppliers;
    private final KeyRing keys;

    JwksController(TokenService tokens, Suppliers suppliers, KeyRing keys) {
        this.tokens = tokens;
        this.suppliers = suppliers;
        this.keys = keys;
    }

    @GetMapping("/.well-known/jwks.json")
    Mono<ResponseEntity<Map<String, Object>>> jwks() {
        return suppliers.all().collectList().map(all -> {
            List<JWK> published = new ArrayList<>(tokens.publicKeys());
            all.forEach(s -> keys.all(s.code(), KeyPurpose.ENVELOPE_SIGNING)
                    .forEach(k -> published.add(new ECKey.Builder(Curve.P_256, k.publicKey())
                            .keyID(k.kid())
                            .algorithm(JWSAlgorithm.ES256)
                            .keyUse(KeyUse.SIGNATURE)
                            .build())));
            return ResponseEntity.ok()
                    .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                    .contentType(MediaType.parseMediaType("application/jwk-set+json"))
                    .body(new JWKSet(published).toPublicJWKSet().toJSONObject(true));
        });
    }
}
