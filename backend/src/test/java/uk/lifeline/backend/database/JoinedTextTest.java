package uk.lifeline.backend.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.lifeline.backend.testing.BackendTest;

/** Texts joined into one parameter come back from PostgreSQL as the same array, nulls in their places. */
class JoinedTextTest extends BackendTest {

    private List<Optional<String>> roundTrip(String... values) {
        return db.sql("SELECT u.v FROM unnest(" + JoinedText.array("joined")
                        + ") WITH ORDINALITY AS u(v, n) ORDER BY n")
                .bind("joined", JoinedText.of(values))
                .map(r -> Optional.ofNullable(r.get("v", String.class)))
                .all()
                .collectList()
                .block();
    }

    private static List<Optional<String>> expected(String... values) {
        List<Optional<String>> out = new ArrayList<>();
        Arrays.stream(values).forEach(v -> out.add(Optional.ofNullable(v == null || v.isEmpty() ? null : v)));
        return out;
    }

    @Test
    void jsonAndEnvelopesComeBackUnchangedWithNullsInTheirPlaces() {
        String[] values = {
            "{\"reason\":\"say \\\"hi\\\" \\\\ {a,b}\",\"cy\":\"Ŵ ŷ ✓ 😀\"}",
            null,
            "eyJhbGciOiJFUzI1NiJ9.e30.sig~AAAA~BBBB",
            "line\u2028separator, tab\\t and NULL",
            null
        };
        assertThat(roundTrip(values)).isEqualTo(expected(values));
    }

    @Test
    void oneTextAndManyNullsKeepTheirCount() {
        assertThat(roundTrip("only")).isEqualTo(expected("only"));
        assertThat(roundTrip(null, null, null)).isEqualTo(expected(null, null, null));
    }

    @Test
    void aTextHoldingTheSeparatorIsRefusedNotSplit() {
        assertThatThrownBy(() -> JoinedText.of(new String[] {"a\u001eb"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+001E");
    }
}
