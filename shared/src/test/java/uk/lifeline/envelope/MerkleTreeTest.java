package uk.lifeline.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    @Test
    void theRootIsRfc9162sTreeHashForEverySize() throws Exception {
        for (int n = 1; n <= 70; n++) {
            List<byte[]> leaves = leaves(n);
            assertThat(MerkleTree.of(hashes(leaves)).root()).as("size %d", n).isEqualTo(mth(leaves));
        }
    }

    @Test
    void everyLeafsPathProvesItInEveryTreeSize() {
        for (int n = 1; n <= 70; n++) {
            List<byte[]> hashes = hashes(leaves(n));
            MerkleTree tree = MerkleTree.of(hashes);
            for (int i = 0; i < n; i++) {
                assertThat(MerkleTree.proves(hashes.get(i), i, n, tree.path(i), tree.root()))
                        .as("leaf %d of %d", i, n)
                        .isTrue();
            }
        }
    }

    @Test
    void aPathProvesNothingForAnotherLeafIndexSizeOrRoot() {
        List<byte[]> hashes = hashes(leaves(13));
        MerkleTree tree = MerkleTree.of(hashes);
        List<byte[]> path = tree.path(5);
        byte[] root = tree.root();
        byte[] leaf = hashes.get(5);

        assertThat(MerkleTree.proves(hashes.get(6), 5, 13, path, root)).isFalse();
        assertThat(MerkleTree.proves(leaf, 4, 13, path, root)).isFalse();
        // A size whose tree gives the leaf another path shape; where the shape is the same (12 or 14 leaves here)
        // the size is not what the proof binds, which is why the signed root carries the size.
        assertThat(MerkleTree.proves(leaf, 5, 8, path, root)).isFalse();
        assertThat(MerkleTree.proves(leaf, 5, 17, path, root)).isFalse();
        assertThat(MerkleTree.proves(
                        leaf, 5, 13, path, MerkleTree.of(hashes.subList(0, 12)).root()))
                .isFalse();
        assertThat(MerkleTree.proves(leaf, -1, 13, path, root)).isFalse();
        assertThat(MerkleTree.proves(leaf, 13, 13, path, root)).isFalse();
    }

    @Test
    void aTamperedShortenedOrLengthenedPathProvesNothing() {
        List<byte[]> hashes = hashes(leaves(9));
        MerkleTree tree = MerkleTree.of(hashes);
        List<byte[]> path = tree.path(2);
        byte[] root = tree.root();

        for (int level = 0; level < path.size(); level++) {
            List<byte[]> tampered = new ArrayList<>(path);
            byte[] hash = tampered.get(level).clone();
            hash[7] ^= 1;
            tampered.set(level, hash);
            assertThat(MerkleTree.proves(hashes.get(2), 2, 9, tampered, root)).isFalse();
        }
        assertThat(MerkleTree.proves(hashes.get(2), 2, 9, path.subList(0, path.size() - 1), root))
                .isFalse();
        List<byte[]> longer = new ArrayList<>(path);
        longer.add(new byte[32]);
        assertThat(MerkleTree.proves(hashes.get(2), 2, 9, longer, root)).isFalse();
        List<byte[]> shortHash = new ArrayList<>(path);
        shortHash.set(0, new byte[31]);
        assertThat(MerkleTree.proves(hashes.get(2), 2, 9, shortHash, root)).isFalse();
    }

    @Test
    void anInnerNodeCannotPassForALeaf() {
        // The node over leaves 0 and 1 is leaf 0 of the tree of nodes one level up, but a leaf's hash carries the
        // 0x00 prefix, so the node's children cannot be presented as one leaf of a smaller tree.
        List<byte[]> leaves = leaves(4);
        MerkleTree tree = MerkleTree.of(hashes(leaves));
        byte[] pair = concat(leaves.get(0), leaves.get(1));
        MerkleTree upper = MerkleTree.of(
                List.of(MerkleTree.leafHash(pair), MerkleTree.leafHash(concat(leaves.get(2), leaves.get(3)))));
        assertThat(upper.root()).isNotEqualTo(tree.root());
        assertThat(MerkleTree.proves(
                        MerkleTree.leafHash(pair), 0, 2, tree.path(0).subList(1, 2), tree.root()))
                .isFalse();
    }

    @Test
    void aTreeOfOneLeafHasTheLeafHashAsRootAndAnEmptyPath() {
        byte[] leaf = MerkleTree.leafHash("only".getBytes(StandardCharsets.US_ASCII));
        MerkleTree tree = MerkleTree.of(List.of(leaf));
        assertThat(tree.root()).isEqualTo(leaf);
        assertThat(tree.path(0)).isEmpty();
        assertThat(MerkleTree.proves(leaf, 0, 1, List.of(), leaf)).isTrue();
        assertThat(MerkleTree.proves(leaf, 0, 1, List.of(leaf), leaf)).isFalse();
    }

    @Test
    void anEmptyTreeAndAPathOutsideTheTreeAreRefused() {
        assertThatThrownBy(() -> MerkleTree.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        MerkleTree tree = MerkleTree.of(hashes(leaves(3)));
        assertThatThrownBy(() -> tree.path(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> tree.path(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static List<byte[]> leaves(int n) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(("leaf " + i).getBytes(StandardCharsets.US_ASCII));
        }
        return leaves;
    }

    private static List<byte[]> hashes(List<byte[]> leaves) {
        return leaves.stream().map(MerkleTree::leafHash).toList();
    }

    /** RFC 9162 section 2.1.1's definition, recursive, written apart from the class under test. */
    private static byte[] mth(List<byte[]> d) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        if (d.size() == 1) {
            sha.update((byte) 0);
            return sha.digest(d.get(0));
        }
        int k = Integer.highestOneBit(d.size() - 1);
        byte[] left = mth(d.subList(0, k));
        byte[] right = mth(d.subList(k, d.size()));
        sha.update((byte) 1);
        sha.update(left);
        return sha.digest(right);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
