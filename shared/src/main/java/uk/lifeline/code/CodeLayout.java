package uk.lifeline.code;

import uk.lifeline.command.CommandType;
import uk.lifeline.command.FieldReader;
import uk.lifeline.command.FieldWriter;
import uk.lifeline.command.MeterCommand;

/**
 * Where every bit of a code sits: the one place the block layout lives (docs/command-codes.md, "Block layout").
 * Stateless.
 *
 * <pre>
 * PTUT bit  63-61  60-57     56-47           46-45        44-32          31-0
 * 1 block   0      sub class counter bits    payload (15 bits)            MAC
 * chained   0      sub class counter bits    block index  payload (45 bits, earlier blocks)
 *                                                         payload (13)   MAC  (last block)
 * </pre>
 *
 * A one-block top-up (sub class 0) is exactly GBCS: its 15 payload bits are the value class and value.
 */
public final class CodeLayout {

    static final int SUBCLASS_SHIFT = 57;
    static final int COUNTER_SHIFT = 47;
    static final int INDEX_SHIFT = 45;
    public static final int COUNTER_BITS = 10;
    /** Digits in one block (one GBCS UTRN): a code is one to {@link #MAX_BLOCKS} of them. */
    public static final int BLOCK_DIGITS = Ptut.BLOCK_DIGITS;
    /** The most blocks a command's code takes (a time-of-use price change: 60 digits). */
    public static final int MAX_BLOCKS = 3;
    /**
     * How far above the highest counter a meter has accepted it rebuilds a code's counter from its
     * {@link #COUNTER_BITS} bits (GBCS: 512); a code further ahead is refused, so a supplier never issues one.
     */
    public static final int COUNTER_WINDOW = 1 << (COUNTER_BITS - 1);
    /** How far below the highest counter accepted a rebuilt counter may lie: the rest of the 1024 values. */
    public static final int COUNTER_WINDOW_BELOW = (1 << COUNTER_BITS) - COUNTER_WINDOW - 1;

    static final long COUNTER_MASK = (1L << COUNTER_BITS) - 1;
    static final int SINGLE_PAYLOAD_BITS = 15;
    static final int EARLIER_BLOCK_PAYLOAD_BITS = 45;
    static final int LAST_BLOCK_PAYLOAD_BITS = 13;

    private CodeLayout() {}

    /** Payload bits a command of {@code blocks} blocks may use: 15, 58 or 103. */
    public static int payloadBits(int blocks) {
        return blocks == 1 ? SINGLE_PAYLOAD_BITS : (blocks - 1) * EARLIER_BLOCK_PAYLOAD_BITS + LAST_BLOCK_PAYLOAD_BITS;
    }

    public static int subclass(long ptut) {
        return (int) (ptut >>> SUBCLASS_SHIFT) & 0xF;
    }

    public static int counterBits(long ptut) {
        return (int) ((ptut >>> COUNTER_SHIFT) & COUNTER_MASK);
    }

    /** The block index of a block of a chained code. */
    public static int index(long ptut) {
        return (int) (ptut >>> INDEX_SHIFT) & 0x3;
    }

    /** The blocks of a code, the last with its MAC bits still zero. */
    static long[] blocksWithoutMac(CommandType type, long utrnCounter, FieldReader payload) {
        int n = type.blocks();
        long header = ((long) type.subclass() << SUBCLASS_SHIFT) | ((utrnCounter & COUNTER_MASK) << COUNTER_SHIFT);
        long[] ptuts = new long[n];
        if (n == 1) {
            ptuts[0] = header | (payload.take(SINGLE_PAYLOAD_BITS) << 32);
            return ptuts;
        }
        for (int i = 0; i < n; i++) {
            long indexed = header | ((long) i << INDEX_SHIFT);
            ptuts[i] = i < n - 1
                    ? indexed | payload.take(EARLIER_BLOCK_PAYLOAD_BITS)
                    : indexed | (payload.take(LAST_BLOCK_PAYLOAD_BITS) << 32);
        }
        return ptuts;
    }

    /** The payload bits of a whole code, for the command's fields to be read from. */
    static FieldReader payload(CommandType type, long[] ptuts) {
        int n = type.blocks();
        FieldWriter bits = new FieldWriter(payloadBits(n));
        if (n == 1) {
            bits.put((ptuts[0] >>> 32) & ((1L << SINGLE_PAYLOAD_BITS) - 1), SINGLE_PAYLOAD_BITS);
        } else {
            for (int i = 0; i < n - 1; i++) {
                bits.put(ptuts[i] & ((1L << EARLIER_BLOCK_PAYLOAD_BITS) - 1), EARLIER_BLOCK_PAYLOAD_BITS);
            }
            bits.put((ptuts[n - 1] >>> 32) & ((1L << LAST_BLOCK_PAYLOAD_BITS) - 1), LAST_BLOCK_PAYLOAD_BITS);
        }
        return bits.toReader();
    }

    /**
     * What the MAC covers besides the identities and counter: every PTUT bit before the MAC, big-endian. For a
     * one-block code that is the PTUT's high 32 bits, exactly as GBCS; a chained code puts each earlier block's
     * full 64 bits first, which binds the blocks together and fixes their order.
     */
    static byte[] macInput(long[] ptuts) {
        int n = ptuts.length;
        byte[] input = new byte[8 * (n - 1) + 4];
        for (int i = 0; i < n - 1; i++) {
            Bits.putLong(input, 8 * i, ptuts[i]);
        }
        Bits.putInt(input, 8 * (n - 1), (int) (ptuts[n - 1] >>> 32));
        return input;
    }

    /** True when the last block's MAC is the one {@code key} makes for these blocks and this counter. */
    public static boolean macMatches(CodeKey key, long utrnCounter, long[] ptuts) {
        int last = ptuts.length - 1;
        long[] withoutMac = ptuts.clone();
        withoutMac[last] = withMac(ptuts[last], 0);
        int expected = key.mac(utrnCounter, macInput(withoutMac));
        // Constant-time comparison, so timing does not tell an attacker how many MAC bits were right.
        return java.security.MessageDigest.isEqual(intBytes(expected), intBytes(mac(ptuts[last])));
    }

    /**
     * The command a complete, authenticated code carries.
     *
     * @throws IllegalArgumentException if reserved bits are set or a parameter is out of range
     */
    public static MeterCommand command(CommandType type, long[] ptuts) {
        FieldReader fields = payload(type, ptuts);
        MeterCommand command = type.read(fields);
        if (!fields.restIsZero()) {
            throw new IllegalArgumentException("reserved payload bits are set");
        }
        return command;
    }

    private static byte[] intBytes(int value) {
        byte[] out = new byte[4];
        Bits.putInt(out, 0, value);
        return out;
    }

    static long withMac(long ptut, int mac) {
        return (ptut & 0xFFFFFFFF00000000L) | (mac & 0xFFFFFFFFL);
    }

    static int mac(long ptut) {
        return (int) ptut;
    }
}
