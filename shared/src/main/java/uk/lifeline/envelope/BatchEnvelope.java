package uk.lifeline.envelope;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The layout of an envelope signed together with others: {@code leaf~proof~batch}.
 *
 * <ul>
 *   <li>{@code leaf}: the envelope's own facts as a compact JWS signing input, {@code base64url(header) "."
 *       base64url(claims)}, the header naming the envelope's type ({@code typ}); it is leaf {@code index} of the
 *       batch's {@link MerkleTree}, hashed as its ASCII text;
 *   <li>{@code proof}: base64url of the leaf's index (4 bytes, big-endian) and its audit path (32 bytes a level);
 *   <li>{@code batch}: a compact JWS, {@code typ} {@value #BATCH_TYPE}, signed once for the whole batch, whose
 *       claims name the issuer ({@code iss}), the number of leaves ({@code size}) and the root ({@code root},
 *       base64url).
 * </ul>
 *
 * One signature then serves a whole batch of codes, and each envelope still stands alone: whoever holds it checks
 * the batch's signature and the leaf's path to the signed root. {@code ~} is in neither base64url nor a compact
 * JWS, so an envelope without one is a single JWS, the form signed before batches.
 */
public final class BatchEnvelope {

    /** The JWS {@code typ} of a batch's signed root. */
    public static final String BATCH_TYPE = "lifeline-batch+jwt";

    private static final char SEPARATOR = '~';
    private static final Pattern LEAF = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    // A batch of 2^31 leaves is far beyond any page; more levels than that is a forged proof.
    private static final int MAX_LEVELS = 31;

    private final String leaf;
    private final int index;
    private final List<byte[]> path;
    private final String batch;

    private BatchEnvelope(String leaf, int index, List<byte[]> path, String batch) {
        this.leaf = leaf;
        this.index = index;
        this.path = path;
        this.batch = batch;
    }

    /**
     * A leaf: {@code base64url({"typ":type}) "." base64url(claims)}. The type is one of the callers' constants, a
     * plain word that needs no JSON escaping; the claims are a JSON object's text.
     */
    public static String leaf(String type, String claimsJson) {
        return base64url("{\"typ\":\"" + type + "\"}") + "." + base64url(claimsJson);
    }

    /** The JSON text of this leaf's header. */
    public String headerJson() {
        return decoded(leaf.substring(0, leaf.indexOf('.')));
    }

    /** The JSON text of this leaf's claims: the envelope's facts. */
    public String claimsJson() {
        return decoded(leaf.substring(leaf.indexOf('.') + 1));
    }

    private static String base64url(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String decoded(String base64url) {
        return new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8);
    }

    /** The envelope's text for leaf {@code index} of a batch whose signed root is {@code batch}. */
    public static String join(String leaf, int index, List<byte[]> path, String batch) {
        ByteBuffer proof = ByteBuffer.allocate(4 + path.size() * MerkleTree.HASH_BYTES);
        proof.putInt(index);
        path.forEach(proof::put);
        return leaf + SEPARATOR + BASE64URL.encodeToString(proof.array()) + SEPARATOR + batch;
    }

    /**
     * The parts of a batch envelope; empty for text without {@code ~} (a single JWS).
     *
     * @throws IllegalArgumentException when the text has the separator but not the layout
     */
    public static Optional<BatchEnvelope> parse(String envelope) {
        int first = envelope.indexOf(SEPARATOR);
        if (first < 0) {
            return Optional.empty();
        }
        int second = envelope.indexOf(SEPARATOR, first + 1);
        if (second < 0 || envelope.indexOf(SEPARATOR, second + 1) >= 0) {
            throw new IllegalArgumentException("a batch envelope has three parts: leaf~proof~batch");
        }
        String leaf = envelope.substring(0, first);
        if (!LEAF.matcher(leaf).matches()) {
            throw new IllegalArgumentException("the leaf is not base64url(header).base64url(claims)");
        }
        byte[] proof;
        try {
            proof = Base64.getUrlDecoder().decode(envelope.substring(first + 1, second));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the proof is not base64url", e);
        }
        if (proof.length < 4
                || (proof.length - 4) % MerkleTree.HASH_BYTES != 0
                || (proof.length - 4) / MerkleTree.HASH_BYTES > MAX_LEVELS) {
            throw new IllegalArgumentException("the proof is not an index and whole hashes");
        }
        ByteBuffer in = ByteBuffer.wrap(proof);
        int index = in.getInt();
        List<byte[]> path = new ArrayList<>();
        while (in.hasRemaining()) {
            byte[] hash = new byte[MerkleTree.HASH_BYTES];
            in.get(hash);
            path.add(hash);
        }
        return Optional.of(
                new BatchEnvelope(leaf, index, Collections.unmodifiableList(path), envelope.substring(second + 1)));
    }

    /** {@code base64url(header) "." base64url(claims)}: the envelope's own facts. */
    public String leaf() {
        return leaf;
    }

    /** The compact JWS over the batch's root. */
    public String batch() {
        return batch;
    }

    public static byte[] leafHash(String leaf) {
        return MerkleTree.leafHash(leaf.getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether the proof puts this leaf in the tree of {@code size} leaves with this root. */
    public boolean isInTree(byte[] root, int size) {
        return MerkleTree.proves(leafHash(leaf), index, size, path, root);
    }
}
