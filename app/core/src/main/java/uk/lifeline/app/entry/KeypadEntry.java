package uk.lifeline.app.entry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where the customer is while typing a code: which block (a code has one to three 20-digit blocks, each ended
 * with the keypad's Enter key) and which group of four digits in it. Moving on returns a new value, so the screen
 * always shows, and reads aloud, exactly one group. Immutable and thread-safe.
 */
public final class KeypadEntry {

    /** Digits in a group: four, as people read codes out. */
    public static final int GROUP = 4;

    private final List<String> blocks;
    private final int block;
    private final int group;

    private KeypadEntry(List<String> blocks, int block, int group) {
        this.blocks = blocks;
        this.block = block;
        this.group = group;
    }

    /**
     * The first group of the first block.
     *
     * @throws IllegalArgumentException if there are no blocks, or a block is not whole groups of digits
     */
    public static KeypadEntry start(List<String> blocks) {
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("a code has at least one block");
        }
        for (String b : blocks) {
            if (b.isEmpty() || b.length() % GROUP != 0 || !b.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("a block is groups of four digits, not '" + b + "'");
            }
        }
        return new KeypadEntry(Collections.unmodifiableList(new ArrayList<>(blocks)), 0, 0);
    }

    /** 1-based. */
    public int block() {
        return block + 1;
    }

    public int blocks() {
        return blocks.size();
    }

    /** 1-based, within the block. */
    public int group() {
        return group + 1;
    }

    public int groups() {
        return blocks.get(block).length() / GROUP;
    }

    /** The four digits to type now. */
    public String digits() {
        return blocks.get(block).substring(group * GROUP, (group + 1) * GROUP);
    }

    /** Every group of the current block, for showing where the customer is. */
    public List<String> groupsOfBlock() {
        List<String> all = new ArrayList<>();
        for (int g = 0; g < groups(); g++) {
            all.add(blocks.get(block).substring(g * GROUP, (g + 1) * GROUP));
        }
        return all;
    }

    /** After this group the customer presses Enter on the keypad. */
    public boolean endsBlock() {
        return group == groups() - 1;
    }

    /** This is the last group of the last block. */
    public boolean isLast() {
        return endsBlock() && block == blocks.size() - 1;
    }

    public boolean isFirst() {
        return block == 0 && group == 0;
    }

    /** The next group, moving to the next block after the last group of one; the last group stays put. */
    public KeypadEntry next() {
        if (isLast()) {
            return this;
        }
        return endsBlock() ? new KeypadEntry(blocks, block + 1, 0) : new KeypadEntry(blocks, block, group + 1);
    }

    /** The group before, back into the previous block if need be; the first group stays put. */
    public KeypadEntry previous() {
        if (isFirst()) {
            return this;
        }
        if (group > 0) {
            return new KeypadEntry(blocks, block, group - 1);
        }
        int before = block - 1;
        return new KeypadEntry(blocks, before, blocks.get(before).length() / GROUP - 1);
    }

    /** Back to the first group of this block, e.g. after the keypad refused it. */
    public KeypadEntry restartBlock() {
        return new KeypadEntry(blocks, block, 0);
    }

    /** Digits one by one, for a screen reader: '7 3 9 4'. */
    public static String oneByOne(String digits) {
        StringBuilder out = new StringBuilder(digits.length() * 2);
        for (int i = 0; i < digits.length(); i++) {
            out.append(i == 0 ? "" : " ").append(digits.charAt(i));
        }
        return out.toString();
    }

    /** The digits with a pause after each, for speech: '7, 3, 9, 4'. */
    public String digitsWithPauses() {
        return digits().replaceAll("(.)(?=.)", "$1, ");
    }
}
