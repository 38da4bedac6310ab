package uk.lifeline.app.entry;

import java.util.List;
import uk.lifeline.code.CodeDigits;
import uk.lifeline.code.CodeLayout;

/**
 * Checks a code the customer got some other way (a letter, a text, read out on the phone) before they go to the
 * meter: 20, 40 or 60 digits, each 20-digit block ending in its GBCS check digit, which catches every single
 * wrong digit and every swap of two neighbours. Stateless.
 */
public final class CodeCheck {

    /** What the check found. Immutable. */
    public record Finding(Kind kind, int digits, int block) {}

    public enum Kind {
        /** Every block's check digit matches. */
        LOOKS_RIGHT,
        /** Not 20, 40 or 60 digits; {@link Finding#digits()} says how many. */
        WRONG_LENGTH,
        /** A block's check digit does not match; {@link Finding#block()} says which (1-based). */
        WRONG_DIGIT
    }

    private CodeCheck() {}

    /** Ignores spaces, dashes and slashes, as codes are written in groups (shared's {@link CodeDigits}). */
    public static Finding check(String typed) {
        String digits = CodeDigits.withoutSeparators(typed);
        int n = digits.length();
        if (!digits.matches("[0-9]*")
                || n == 0
                || n % CodeLayout.BLOCK_DIGITS != 0
                || n > CodeLayout.MAX_BLOCKS * CodeLayout.BLOCK_DIGITS) {
            return new Finding(Kind.WRONG_LENGTH, n, 0);
        }
        List<String> blocks = CodeDigits.blocks(digits);
        for (int block = 0; block < blocks.size(); block++) {
            if (CodeDigits.fault(blocks.get(block)).isPresent()) {
                return new Finding(Kind.WRONG_DIGIT, n, block + 1);
            }
        }
        return new Finding(Kind.LOOKS_RIGHT, n, 0);
    }
}
