package uk.lifeline.words;

import java.math.BigDecimal;
import java.util.List;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.command.Pence;
import uk.lifeline.command.UnitPrice;

/**
 * What a code does, in words a customer understands at a glance: 'adds £20.00 credit', 'keeps your supply on
 * until Friday 18:00'; in Welsh 'ychwanegu £20.00 o gredyd'. The one place these words live: the app, the
 * consoles (through the API), text messages and voice calls all take them from here. Stateless and thread-safe.
 *
 * <p>The Welsh follows the Welsh Language Commissioner's plain-Welsh guidance (short everyday words, verb-nouns
 * for actions, mutations kept); a review by a native speaker is pending.
 */
public final class CommandWords {

    private CommandWords() {}

    /**
     * The effect of {@code command}, starting with a verb in lower case (an English verb, a Welsh verb-noun), in
     * {@code when}'s language; times relative to {@code when}.
     */
    public static String describe(MeterCommand command, When when) {
        return when.language() == Language.WELSH
                ? WelshCommands.describe(command, when)
                : EnglishCommands.describe(command, when);
    }

    /** {@code 2000} becomes '£20.00', in both languages. */
    public static String money(long pence) {
        return (pence < 0 ? "-£" : "£") + Pence.toPounds(Math.abs(pence));
    }

    /** At least two decimals, three when the price has them: '60.97p', '24.862p'; in Welsh '60.97c' (ceiniog). */
    public static String price(UnitPrice price, Language language) {
        BigDecimal pence = price.pence().stripTrailingZeros();
        return pence.setScale(Math.max(2, pence.scale())).toPlainString() + (language == Language.WELSH ? "c" : "p");
    }

    /** 'a' and 'b'; 'a, b and c' (Welsh 'a', or 'ac' before a vowel). */
    static String list(List<String> items, Language language) {
        StringBuilder out = new StringBuilder(items.get(0));
        for (int i = 1; i < items.size(); i++) {
            out.append(i < items.size() - 1 ? ", " : and(items.get(i), language))
                    .append(items.get(i));
        }
        return out.toString();
    }

    /** ' and ', or in Welsh ' a ' / ' ac ' as the next word asks. */
    static String and(String next, Language language) {
        if (language == Language.ENGLISH) {
            return " and ";
        }
        return "aeiouwyAEIOUWY".indexOf(next.charAt(0)) >= 0 ? " ac " : " a ";
    }
}
