package uk.lifeline.code;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A code as people write it down or read it out, split into its {@link CodeLayout#BLOCK_DIGITS}-digit blocks:
 * the one parse of a chained code's blocks, used by the reference meter decoder, the backend and (public API)
 * the app. Checks only the length; each block's digits and check digit are the meter's to check. Stateless.
 */
public final class CodeDigits {

    private CodeDigits() {}

    /**
     * The blocks of a whole code, in order; spaces, tabs, dashes and slashes are ignored.
     *
     * @throws IllegalArgumentException if nothing is left, or the length is not a whole number of blocks (the
     *     message says the length found)
     */
    public static List<String> blocks(String digits) {
        String clean = withoutSeparators(digits);
        if (clean.isEmpty() || clean.length() % CodeLayout.BLOCK_DIGITS != 0) {
            throw new IllegalArgumentException("a code is 20, 40 or 60 digits; got " + clean.length());
        }
        List<String> blocks = new ArrayList<>(clean.length() / CodeLayout.BLOCK_DIGITS);
        for (int at = 0; at < clean.length(); at += CodeLayout.BLOCK_DIGITS) {
            blocks.add(clean.substring(at, at + CodeLayout.BLOCK_DIGITS));
        }
        return Collections.unmodifiableList(blocks);
    }

    /** The input without spaces, tabs, dashes or slashes: how people write codes down. */
    public static String withoutSeparators(String digits) {
        StringBuilder out = new StringBuilder(digits.length());
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c != '-' && c != '/' && !Character.isWhitespace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
