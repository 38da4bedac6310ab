package uk.lifeline.app.trust;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One supplier's trust anchors, bundled in the app: the public keys (normally one, two while the supplier
 * rotates it) that sign the supplier's envelope key set. A key set is taken only when it is a compact JWS of type
 * {@value #KEY_SET_TYPE}, ES256, signed by one of these anchors, issued by this supplier, with an expiry; of its
 * keys only the supplier's own P-256 signing keys are kept. So whatever server the app talks to, an envelope
 * verifies only under a key the supplier's anchor vouched for. Immutable.
 */
public final class TrustAnchor {

    /** The JWS {@code typ} of a signed envelope key set. */
    public static final String KEY_SET_TYPE = "lifeline-keys+jwt";

    private final String supplier;
    private final List<ECKey> anchors;

    /** @throws IllegalArgumentException without an anchor, or with one that is not a P-256 public key with a kid */
    public TrustAnchor(String supplier, List<ECKey> anchors) {
        this.supplier = Objects.requireNonNull(supplier, "supplier");
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("no trust anchor for " + supplier);
        }
        for (ECKey anchor : anchors) {
            if (!Curve.P_256.equals(anchor.getCurve()) || anchor.isPrivate() || anchor.getKeyID() == null) {
                throw new IllegalArgumentException("a trust anchor is a P-256 public key with a kid");
            }
        }
        this.anchors = Collections.unmodifiableList(new ArrayList<>(anchors));
    }

    public String supplier() {
        return supplier;
    }

    public List<ECKey> anchors() {
        return anchors;
    }

    /** A key set that verified under an anchor: the supplier's envelope keys and when the anchor signed them. */
    public record SignedKeySet(JWKSet keys, Instant issuedAt, Instant expiresAt, String jws) {}

    /** @throws RefusedKeySetException when the key set is not one this supplier's anchor signed */
    public SignedKeySet verify(String jws) {
        SignedJWT signed;
        JWTClaimsSet claims;
        try {
            signed = SignedJWT.parse(jws);
            claims = signed.getJWTClaimsSet();
        } catch (ParseException | NullPointerException e) {
            throw new RefusedKeySetException("the key set is not a compact JWS");
        }
        if (!JWSAlgorithm.ES256.equals(signed.getHeader().getAlgorithm())
                || !new JOSEObjectType(KEY_SET_TYPE).equals(signed.getHeader().getType())) {
            throw new RefusedKeySetException("the key set is not an ES256 " + KEY_SET_TYPE);
        }
        ECKey anchor = anchor(signed.getHeader().getKeyID());
        try {
            if (anchor == null || !signed.verify(new ECDSAVerifier(anchor))) {
                throw new RefusedKeySetException("the key set is not signed by " + supplier + "'s trust anchor");
            }
        } catch (JOSEException e) {
            throw new RefusedKeySetException("the key set's signature cannot be checked: " + e.getMessage());
        }
        if (!supplier.equals(claims.getIssuer())
                || claims.getIssueTime() == null
                || claims.getExpirationTime() == null) {
            throw new RefusedKeySetException("the key set is not " + supplier + "'s, or has no iat and exp");
        }
        return new SignedKeySet(
                ownKeys(claims),
                claims.getIssueTime().toInstant(),
                claims.getExpirationTime().toInstant(),
                jws);
    }

    private ECKey anchor(String kid) {
        for (ECKey anchor : anchors) {
            if (anchor.getKeyID().equals(kid)) {
                return anchor;
            }
        }
        return null;
    }

    /** Only the supplier's own public P-256 signing keys: an anchor vouches for nobody else's. */
    private JWKSet ownKeys(JWTClaimsSet claims) {
        Object listed = claims.getClaim("keys");
        if (!(listed instanceof List)) {
            throw new RefusedKeySetException("the key set has no keys");
        }
        List<JWK> own = new ArrayList<>();
        for (Object item : (List<?>) listed) {
            try {
                @SuppressWarnings("unchecked")
                JWK key = JWK.parse(new LinkedHashMap<>((Map<String, Object>) item));
                if (key instanceof ECKey ec
                        && Curve.P_256.equals(ec.getCurve())
                        && !ec.isPrivate()
                        && (ec.getKeyUse() == null || KeyUse.SIGNATURE.equals(ec.getKeyUse()))
                        && supplier.equals(KeyIds.owner(ec.getKeyID()))) {
                    own.add(ec);
                }
            } catch (ParseException | ClassCastException e) {
                throw new RefusedKeySetException("the key set holds something that is not a JWK");
            }
        }
        return new JWKSet(own);
    }

    /** A key set the app does not take: forged, another supplier's, stale, or not a key set at all. */
    public static final class RefusedKeySetException extends IllegalArgumentException {
        public RefusedKeySetException(String message) {
            super(message);
        }
    }
}
