package uk.lifeline.backend.ledger;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.springframework.stereotype.Component;
import uk.lifeline.backend.keys.EcKeyPair;
import uk.lifeline.backend.keys.KeyPurpose;
import uk.lifeline.backend.keys.KeyRing;
import uk.lifeline.backend.keys.P256;
import uk.lifeline.backend.tenant.Supplier;
import uk.lifeline.envelope.BatchEnvelope;
import uk.lifeline.envelope.MerkleTree;

/**
 * Signs code envelopes: the facts of a released code ({@code typ} {@value #TYPE}), signed with the supplier's
 * envelope key, whose public half is in {@code /.well-known/jwks.json} under its kid. The codes of one batch are
 * signed together, with one ES256 signature over the root of a Merkle tree of their facts: each envelope carries its
 * facts, its path to that root and the signed root ({@link BatchEnvelope}: docs/app-protocol.md), so it still
 * stands alone. The phone app and delivery channels check it before showing a code. Thread-safe.
 */
@Component
public class Envelopes {

    static final String TYPE = "lifeline-code+jwt";

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final KeyRing keys;

    public Envelopes(KeyRing keys) {
        this.keys = keys;
    }

    /** One code's envelope: a batch of one. */
    public String sign(Supplier supplier, CodeRecord code) {
        return signBatch(keys, supplier, List.of(leaf(supplier, code))).get(0);
    }

    /** The envelopes of these leaves ({@link #leaf}), in their order, under one signature. */
    public List<String> sign(Supplier supplier, List<String> leaves) {
        return signBatch(keys, supplier, leaves);
    }

    /** A code's facts as a leaf of a batch. Thread-safe, so a batch's leaves are written on all cores. */
    public String leaf(Supplier supplier, CodeRecord code) {
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
        return leaf(TYPE, claims);
    }

    /** Any envelope's facts (codes here; notices too) as a leaf: {@code base64url({"typ":type}).base64url(claims)}. */
    public static String leaf(String type, JWTClaimsSet claims) {
        return BatchEnvelope.leaf(type, claims.toString());
    }

    /**
     * Signs a batch of leaves of one supplier: the root of their Merkle tree, with its size and the supplier, as a
     * compact JWS ({@code typ} {@value BatchEnvelope#BATCH_TYPE}) under the supplier's current envelope key; then
     * each leaf's envelope is the leaf, its path and that JWS. One signature whatever the batch's size.
     */
    public static List<String> signBatch(KeyRing keys, Supplier supplier, List<String> leaves) {
        if (leaves.isEmpty()) {
            return List.of();
        }
        List<byte[]> hashes = new ArrayList<>(leaves.size());
        leaves.forEach(leaf -> hashes.add(BatchEnvelope.leafHash(leaf)));
        MerkleTree tree = MerkleTree.of(hashes);
        JWTClaimsSet root = new JWTClaimsSet.Builder()
                .issuer(supplier.code())
                .claim("size", tree.size())
                .claim("root", BASE64URL.encodeToString(tree.root()))
                .build();
        String batch = signWith(keys, supplier, BatchEnvelope.BATCH_TYPE, root);
        List<String> envelopes = new ArrayList<>(leaves.size());
        for (int i = 0; i < leaves.size(); i++) {
            envelopes.add(BatchEnvelope.join(leaves.get(i), i, tree.path(i), batch));
        }
        return envelopes;
    }

    private static String signWith(KeyRing keys, Supplier supplier, String type, JWTClaimsSet claims) {
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
