package uk.lifeline.code;

/** Builds blocks the encoder never would (reserved bits, bad indexes), correctly signed, to test the meter. */
public final class Crafted {
    private Crafted() {}

    /** PTUTs laid out by hand; the last one's MAC is filled in as the encoder would. */
    public static String[] sign(CodeKey key, long utrnCounter, long... ptuts) {
        long[] blocks = ptuts.clone();
        int last = blocks.length - 1;
        blocks[last] = CodeLayout.withMac(blocks[last], key.mac(utrnCounter, CodeLayout.macInput(blocks)));
        String[] digits = new String[blocks.length];
        for (int i = 0; i < blocks.length; i++) {
            digits[i] = Ptut.toDigits(blocks[i]);
        }
        return digits;
    }

    /** The header bits of a block: sub class and the counter's low 10 bits. */
    public static long header(int subclass, long utrnCounter) {
        return ((long) subclass << CodeLayout.SUBCLASS_SHIFT) | ((utrnCounter & 1023) << CodeLayout.COUNTER_SHIFT);
    }

    public static long index(int blockIndex) {
        return (long) blockIndex << CodeLayout.INDEX_SHIFT;
    }
}
