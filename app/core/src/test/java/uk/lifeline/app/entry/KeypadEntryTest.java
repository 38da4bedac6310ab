package uk.lifeline.app.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeypadEntryTest {

    static final String BLOCK_1 = "73943333457189043313";
    static final String BLOCK_2 = "12345678901234567890";

    @Test
    void startsAtTheFirstGroupOfTheFirstBlock() {
        KeypadEntry entry = KeypadEntry.start(List.of(BLOCK_1, BLOCK_2));

        assertThat(entry.digits()).isEqualTo("7394");
        assertThat(entry.block() + " of " + entry.blocks()).isEqualTo("1 of 2");
        assertThat(entry.group() + " of " + entry.groups()).isEqualTo("1 of 5");
        assertThat(entry.groupsOfBlock()).containsExactly("7394", "3333", "4571", "8904", "3313");
        assertThat(entry.isFirst()).isTrue();
    }

    @Test
    void walksEveryGroupOfEveryBlockInOrder() {
        KeypadEntry entry = KeypadEntry.start(List.of(BLOCK_1, BLOCK_2));
        List<String> typed = new ArrayList<>();
        List<Boolean> enters = new ArrayList<>();
        while (true) {
            typed.add(entry.digits());
            enters.add(entry.endsBlock());
            if (entry.isLast()) {
                break;
            }
            entry = entry.next();
        }

        assertThat(String.join("", typed)).isEqualTo(BLOCK_1 + BLOCK_2);
        assertThat(enters).containsExactly(false, false, false, false, true, false, false, false, false, true);
        assertThat(entry.block() + " of " + entry.blocks()).isEqualTo("2 of 2");
        assertThat(entry.next()).isSameAs(entry);
    }

    @Test
    void goesBackAcrossABlockBoundary() {
        KeypadEntry second = KeypadEntry.start(List.of(BLOCK_1, BLOCK_2));
        for (int i = 0; i < 5; i++) {
            second = second.next();
        }
        assertThat(second.block() + " of " + second.blocks()).isEqualTo("2 of 2");

        KeypadEntry back = second.previous();

        assertThat(back.block() + " of " + back.blocks()).isEqualTo("1 of 2");
        assertThat(back.digits()).isEqualTo("3313");
        assertThat(KeypadEntry.start(List.of(BLOCK_1)).previous().isFirst()).isTrue();
    }

    @Test
    void restartsTheBlockAfterTheKeypadRefusedIt() {
        KeypadEntry entry = KeypadEntry.start(List.of(BLOCK_1, BLOCK_2));
        for (int i = 0; i < 7; i++) {
            entry = entry.next();
        }

        KeypadEntry again = entry.restartBlock();

        assertThat(again.block() + " of " + again.blocks()).isEqualTo("2 of 2");
        assertThat(again.group() + " of " + again.groups()).isEqualTo("1 of 5");
    }

    @Test
    void readsDigitsOneByOne() {
        KeypadEntry entry = KeypadEntry.start(List.of(BLOCK_1));

        assertThat(KeypadEntry.oneByOne("7394")).isEqualTo("7 3 9 4");
        assertThat(entry.digitsWithPauses()).isEqualTo("7, 3, 9, 4");
    }

    @Test
    void theLastGroupOfABlockSaysToPressEnter() {
        KeypadEntry entry = KeypadEntry.start(List.of(BLOCK_1, BLOCK_2));
        for (int i = 0; i < 4; i++) {
            entry = entry.next();
        }

        assertThat(entry.digitsWithPauses()).isEqualTo("3, 3, 1, 3");
        assertThat(entry.endsBlock()).isTrue();
    }

    @Test
    void refusesWhatIsNotACode() {
        assertThatThrownBy(() -> KeypadEntry.start(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeypadEntry.start(List.of("12345"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeypadEntry.start(List.of("7394333345718904331X")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
