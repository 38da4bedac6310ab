package uk.lifeline.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class GbcsCheckDigitTest {

    @Test
    void knownUtrnsCarryTheGbcsCheckDigit() {
        assertThat(GbcsCheckDigit.of("7394333345718904331")).isEqualTo(3);
        assertThat(GbcsCheckDigit.of("7394725241674520163")).isEqualTo(7);
        assertThat(GbcsCheckDigit.isValid("73943333457189043313")).isTrue();
    }

    @Test
    void gbcsInverseTableDiffersFromTextbookVerhoeff() {
        // Textbook Verhoeff gives 3 for "236"; the GBCS tables and starting row give another digit.
        assertThat(GbcsCheckDigit.of("236")).isNotEqualTo(3);
    }

    @Property(tries = 2000)
    void everySingleDigitChangeIsCaught(@ForAll @LongRange(min = 0, max = Ptut.LIMIT - 1) long ptut) {
        String block = Ptut.toDigits(ptut);
        for (int i = 0; i < block.length(); i++) {
            for (char d = '0'; d <= '9'; d++) {
                if (d != block.charAt(i)) {
                    String changed = block.substring(0, i) + d + block.substring(i + 1);
                    assertThat(GbcsCheckDigit.isValid(changed)).as(changed).isFalse();
                }
            }
        }
    }

    @Property(tries = 5000)
    void everyAdjacentSwapIsCaughtIncludingTheCheckDigit(@ForAll @LongRange(min = 0, max = Ptut.LIMIT - 1) long ptut) {
        String block = Ptut.toDigits(ptut);
        for (int i = 0; i + 1 < block.length(); i++) {
            if (block.charAt(i) != block.charAt(i + 1)) {
                String swapped = block.substring(0, i) + block.charAt(i + 1) + block.charAt(i) + block.substring(i + 2);
                assertThat(GbcsCheckDigit.isValid(swapped)).as(swapped).isFalse();
            }
        }
    }

    @Test
    void swapOfTheLastDigitWithTheCheckDigitIsCaughtForEveryStateAndDigitPair() {
        // Exhaustive over what matters for the last swap: the 10 x 10 digit pairs after every prefix state.
        for (int prefix = 0; prefix < 1000; prefix++) {
            String head = String.format("739415699078630%03d", prefix);
            for (char a = '0'; a <= '9'; a++) {
                String data = head + a;
                char check = (char) ('0' + GbcsCheckDigit.of(data));
                if (check != a) {
                    assertThat(GbcsCheckDigit.isValid(head + check + a)).isFalse();
                }
            }
        }
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> GbcsCheckDigit.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GbcsCheckDigit.of("12a4")).hasMessageContaining("index 2");
        assertThatThrownBy(() -> GbcsCheckDigit.of(null)).isInstanceOf(NullPointerException.class);
        assertThat(GbcsCheckDigit.isValid("7")).isFalse();
    }
}
