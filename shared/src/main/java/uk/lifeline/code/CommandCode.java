package uk.lifeline.code;

import java.util.List;
import uk.lifeline.command.MeterCommand;

/**
 * An issued code: the command, the UTRN counter it was made with, and its one to three 20-digit blocks, each
 * entered on the keypad in turn. Immutable and thread-safe.
 */
public record CommandCode(MeterCommand command, long utrnCounter, List<String> blocks) {

    public CommandCode {
        blocks = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(blocks));
    }

    /** All digits, block after block: 20, 40 or 60. */
    public String digits() {
        return String.join("", blocks);
    }

    /** The digits in groups of four, blocks separated by " / ", as people read them out. */
    public String grouped() {
        return grouped(blocks);
    }

    /** A code's blocks in groups of four, blocks separated by " / ": how a stored code is written out. */
    public static String grouped(List<String> blocks) {
        StringBuilder out = new StringBuilder();
        for (String block : blocks) {
            if (out.length() > 0) {
                out.append(" / ");
            }
            out.append(groupInFours(block));
        }
        return out.toString();
    }

    /** {@code 73943333457189043313} becomes {@code 7394 3333 4571 8904 3313}. */
    public static String groupInFours(String digits) {
        StringBuilder out = new StringBuilder(digits.length() + digits.length() / 4);
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                out.append(' ');
            }
            out.append(digits.charAt(i));
        }
        return out.toString();
    }
}
