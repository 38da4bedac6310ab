package uk.lifeline.backend.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.Base64;
import uk.lifeline.envelope.BatchEnvelope;

/**
 * An envelope the backend signed, opened for a test's assertions: the facts, their type and the key that signed the
 * batch's root. {@link #verify} checks what the app checks of the signature: ES256 over the root by that key, and
 * the facts' path to the root.
 */
public final class SignedEnvelope {

    private final BatchEnvelope envelope;
    private final SignedJWT root;
    private final String type;
    private final JWTClaimsSet claims;

    private SignedEnvelope(BatchEnvelope envelope, SignedJWT root, String type, JWTClaimsSet claims) {
        this.envelope = envelope;
        this.root = root;
        this.type = type;
        this.claims = claims;
    }

    public static SignedEnvelope parse(String text) throws ParseException {
        BatchEnvelope envelope =
                BatchEnvelope.parse(text).orElseThrow(() -> new ParseException("not a batch envelope: " + text, 0));
        return new SignedEnvelope(
                envelope,
                SignedJWT.parse(envelope.batch()),
                (String) JSONObjectUtils.parse(envelope.headerJson()).get("typ"),
                JWTClaimsSet.parse(envelope.claimsJson()));
    }

    /** The envelope's own type, as its facts' header states it. */
    public String type() {
        return type;
    }

    public String keyId() {
        return root.getHeader().getKeyID();
    }

    public JWTClaimsSet claims() {
        return claims;
    }

    public boolean verify(ECKey key) throws JOSEException, ParseException {
        JWTClaimsSet batch = root.getJWTClaimsSet();
        return JWSAlgorithm.ES256.equals(root.getHeader().getAlgorithm())
                && BatchEnvelope.BATCH_TYPE.equals(root.getHeader().getType().getType())
                && root.verify(new ECDSAVerifier(key))
                && envelope.isInTree(
                        Base64.getUrlDecoder().decode(batch.getStringClaim("root")),
                        batch.getLongClaim("size").intValue());
    }
}
