package uk.lifeline.backend.ledger;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.springframework.stereotype.Component;
import uk.lifeline.backend.keys.EcKeyPair;
import uk.lifeline.backend.keys.KeyPurpose;
import uk.lifeline.backend.keys.KeyRing;
import uk.lifeline.backend.keys.P256;
import uk.lifeline.backend.tenant.Supplier;

/**
 * Signs code envelopes: a compact JWS (ES256, {@code typ} {@value #TYPE}) over the facts of a released code,
 * with the supplier's envelope key, whose public half is in {@code /.well-known/jwks.json} under its kid. The
 * phone app and delivery channels check it before showing a code. Thread-safe.
 */
@Component
public class Envelopes {

    static final String TYPE = "lifeline-code+jwt";

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final KeyRing keys;

    public Envelopes(KeyRing keys) {
        this.keys = keys;
    }

    public String sign(Supplier supplier, CodeRecord code) {
        List<String> blocks = code.blocks();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(supplier.code())
                .jwtID(code.id().toString())
                .subject(code.meterId())
                .issueTime(Date.from(code.issuedAt()))
                .expirationTime(Date.from(code.expiresAt()))
                .claim("customer", code.customerAccountId().toString())
                .claim("originator", supplier.originatorId().toString())
                .claim("command", code.command())
                .claim("parameters", code.parameters())
                .claim("counter", code.counter())
                .claim("blocks", blocks)
                .claim("status", code.status().name())
                .build();
        return signWith(keys, supplier, TYPE, claims);
    }

    /** Signs any envelope type (codes here; notices too) with the supplier's current envelope key. */
    public static String signWith(KeyRing keys, Supplier supplier, String type, JWTClaimsSet claims) {
        EcKeyPair key = keys.current(supplier.code(), KeyPurpose.ENVELOPE_SIGNING);
        // The compact serialisation (RFC 7515 section 7.1) written directly: nimbus's constant-time Base64 was
        // about 5% of the backend's CPU per code, and nothing here is secret.
        String header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(key.kid())
                .type(new JOSEObjectType(type))
                .build()
                .toString();
        String signingInput = base64url(header) + "." + base64url(claims.toString());
        // Bouncy Castle's P-256 with one generator point for every signature: keys.P256 says why.
        return signingInput + "."
                + BASE64URL.encodeToString(
                        P256.sign(key.privateKey(), signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String base64url(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
