package uk.lifeline.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchEnvelopeTest {

    private static final String BATCH = "eyJhbGciOiJFUzI1NiJ9.eyJzaXplIjozfQ.c2ln";

    @Test
    void aJoinedEnvelopeParsesBackAndItsLeafIsInTheTree() {
        List<String> leaves = List.of("aGVhZA.b25l", "aGVhZA.dHdv", "aGVhZA.dGhyZWU");
        MerkleTree tree =
                MerkleTree.of(leaves.stream().map(BatchEnvelope::leafHash).toList());
        for (int i = 0; i < leaves.size(); i++) {
            String text = BatchEnvelope.join(leaves.get(i), i, tree.path(i), BATCH);
            BatchEnvelope parsed = BatchEnvelope.parse(text).orElseThrow();
            assertThat(parsed.leaf()).isEqualTo(leaves.get(i));
            assertThat(parsed.batch()).isEqualTo(BATCH);
            assertThat(parsed.isInTree(tree.root(), 3)).isTrue();
            assertThat(parsed.isInTree(tree.root(), 5)).isFalse();
        }
    }

    @Test
    void aLeafSwappedIntoAnotherLeafsProofIsNotInTheTree() {
        List<String> leaves = List.of("aGVhZA.b25l", "aGVhZA.dHdv");
        MerkleTree tree =
                MerkleTree.of(leaves.stream().map(BatchEnvelope::leafHash).toList());
        String text = BatchEnvelope.join(leaves.get(0), 0, tree.path(0), BATCH);
        String swapped = leaves.get(1) + text.substring(leaves.get(0).length());
        assertThat(BatchEnvelope.parse(swapped).orElseThrow().isInTree(tree.root(), 2))
                .isFalse();
    }

    @Test
    void aSingleJwsIsNotABatchEnvelope() {
        assertThat(BatchEnvelope.parse(BATCH)).isEmpty();
    }

    @Test
    void textWithTheSeparatorButNotTheLayoutIsRefusedSaying() {
        String proof = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[4 + 32]);
        assertThatThrownBy(() -> BatchEnvelope.parse("aGVhZA.b25l~" + proof))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("three parts");
        assertThatThrownBy(() -> BatchEnvelope.parse("aGVhZA.b25l~" + proof + "~" + BATCH + "~x"))
                .hasMessageContaining("three parts");
        assertThatThrownBy(() -> BatchEnvelope.parse("aGVhZA.b2\u00e9l~" + proof + "~" + BATCH))
                .hasMessageContaining("leaf");
        assertThatThrownBy(() -> BatchEnvelope.parse("aGVhZA~" + proof + "~" + BATCH))
                .hasMessageContaining("leaf");
        assertThatThrownBy(() -> BatchEnvelope.parse("aGVhZA.b25l~not base64!~" + BATCH))
                .hasMessageContaining("base64url");
        String ragged = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[4 + 31]);
        assertThatThrownBy(() -> BatchEnvelope.parse("aGVhZA.b25l~" + ragged + "~" + BATCH))
                .hasMessageContaining("whole hashes");
        String deep = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[4 + 32 * 32]);
        assertThatThrownBy(() -> BatchEnvelope.parse("aGVhZA.b25l~" + deep + "~" + BATCH))
                .hasMessageContaining("whole hashes");
    }

    @Test
    void aNegativeIndexInTheProofProvesNothing() {
        List<byte[]> path = new ArrayList<>();
        String text = BatchEnvelope.join("aGVhZA.b25l", -1, path, BATCH);
        byte[] leaf = BatchEnvelope.leafHash("aGVhZA.b25l");
        assertThat(BatchEnvelope.parse(text).orElseThrow().isInTree(leaf, 1)).isFalse();
    }
}
