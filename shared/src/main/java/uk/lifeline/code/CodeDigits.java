package uk.lifeline.code;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A code as people write it down or read it out, split into its {@link CodeLayout#BLOCK_DIGITS}-digit blocks:
 * the one parse of a chained code's blocks, used by the reference meter decoder, the backend and (public API)
 * the app; and the one check of a block's digits ({@link #fault}), which the reference decoder, the app's
 * envelope verifier and its check of a typed code share. Stateless.
 */
public final class CodeDigits {

    /** What is wrong with one block's digits. */
    public enum BlockFault {
        /** Not {@link CodeLayout#BLOCK_DIGITS} characters. */
        WRONG_LENGTH,
        /** A character that is not an ASCII digit (another script's digits included). */
        NOT_DIGITS,
        /** The last digit is not the GBCS check digit of the others: a digit is wrong or two are swapped. */
        WRONG_CHECK_DIGIT
    }

    private CodeDigits() {}

    /**
     * What is wrong with a block's digits (no separators), or empty when it is 20 ASCII digits ending in its
     * check digit. Whether the digits are a valid command is the decoder's to say.
     */
    public static Optional<BlockFault> fault(String block) {
        if (block.length() != CodeLayout.BLOCK_DIGITS) {
            return Optional.of(BlockFault.WRONG_LENGTH);
        }
        for (int i = 0; i < block.length(); i++) {
            if (block.charAt(i) < '0' || block.charAt(i) > '9') {
                return Optional.of(BlockFault.NOT_DIGITS);
            }
        }
        return GbcsCheckDigit.isValid(block) ? Optional.empty() : Optional.of(BlockFault.WRONG_CHECK_DIGIT);
    }

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
