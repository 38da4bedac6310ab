package uk.lifeline.envelope;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle tree of RFC 9162 (Certificate Transparency 2.0, section 2.1) over SHA-256: a leaf's hash is
 * {@code SHA-256(0x00 || leaf)} and an inner node's {@code SHA-256(0x01 || left || right)}, the prefixes keeping a
 * leaf from ever passing for a node. One signature over the root vouches for every leaf; a leaf's inclusion proof
 * (its audit path) is one hash per level. The backend builds trees, the app checks proofs; both use this class.
 * Thread-safe: it holds no state.
 */
public final class MerkleTree {

    /** The length of every hash, in bytes. */
    public static final int HASH_BYTES = 32;

    private static final byte LEAF = 0x00;
    private static final byte NODE = 0x01;

    private final List<byte[][]> levels;

    private MerkleTree(List<byte[][]> levels) {
        this.levels = levels;
    }

    /** The tree over these leaf hashes (from {@link #leafHash}), in their order; at least one. */
    public static MerkleTree of(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            throw new IllegalArgumentException("a tree needs at least one leaf");
        }
        List<byte[][]> levels = new ArrayList<>();
        byte[][] level = leafHashes.toArray(new byte[0][]);
        levels.add(level);
        // Pairs from the left; a last node without a partner moves up unchanged. This is RFC 9162's split at the
        // largest power of two below the size, built bottom-up.
        while (level.length > 1) {
            byte[][] up = new byte[(level.length + 1) / 2][];
            for (int i = 0; i < up.length; i++) {
                up[i] = 2 * i + 1 < level.length ? node(level[2 * i], level[2 * i + 1]) : level[2 * i];
            }
            levels.add(up);
            level = up;
        }
        return new MerkleTree(levels);
    }

    public int size() {
        return levels.get(0).length;
    }

    public byte[] root() {
        return levels.get(levels.size() - 1)[0].clone();
    }

    /** The audit path of leaf {@code index}: the hashes from its sibling up to the root's child, RFC 9162 order. */
    public List<byte[]> path(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("leaf " + index + " of " + size());
        }
        List<byte[]> path = new ArrayList<>();
        int i = index;
        for (byte[][] level : levels.subList(0, levels.size() - 1)) {
            int sibling = i ^ 1;
            if (sibling < level.length) {
                path.add(level[sibling].clone());
            }
            i >>= 1;
        }
        return path;
    }

    public static byte[] leafHash(byte[] leaf) {
        MessageDigest sha = sha256();
        sha.update(LEAF);
        return sha.digest(leaf);
    }

    /**
     * Whether {@code path} proves that the leaf with this hash is leaf {@code index} of the tree of {@code size}
     * leaves whose root is {@code root} (RFC 9162 section 2.1.3.2). Any hash of the wrong length, an index outside
     * the tree, or a path too long or too short proves nothing.
     */
    public static boolean proves(byte[] leafHash, int index, int size, List<byte[]> path, byte[] root) {
        if (index < 0 || index >= size || leafHash.length != HASH_BYTES || root.length != HASH_BYTES) {
            return false;
        }
        long fn = index;
        long sn = size - 1L;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0 || p.length != HASH_BYTES) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = node(p, r);
                // A right-most node with no sibling moves up unchanged: skip the levels where it did.
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    private static byte[] node(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update(NODE);
        sha.update(left);
        return sha.digest(right);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
