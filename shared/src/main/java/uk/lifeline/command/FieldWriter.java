package uk.lifeline.command;

/**
 * Packs a command's parameters, most significant bit first, into the payload bits of a code (at most 128).
 * Not thread-safe: one writer per encoding.
 */
public final class FieldWriter {

    private final int capacity;
    private long hi;
    private long lo;
    private int used;

    public FieldWriter(int capacity) {
        if (capacity < 1 || capacity > 128) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
    }

    /** Appends the low {@code width} bits of {@code value}; the value must fit them. */
    public FieldWriter put(long value, int width) {
        if (width < 1 || width > 63 || value < 0 || value >= (1L << width)) {
            throw new IllegalStateException("field value " + value + " does not fit " + width + " bits");
        }
        if (used + width > capacity) {
            throw new IllegalStateException("fields overflow the payload of " + capacity + " bits");
        }
        shiftLeft(width);
        lo |= value;
        used += width;
        return this;
    }

    public FieldWriter put(boolean flag) {
        return put(flag ? 1 : 0, 1);
    }

    /** The payload: the fields then zero bits (reserved) up to the capacity, as a reader of the same bits. */
    public FieldReader toReader() {
        FieldWriter padded = new FieldWriter(capacity);
        padded.hi = hi;
        padded.lo = lo;
        for (int left = capacity - used; left > 0; left -= 32) {
            padded.shiftLeft(Math.min(32, left));
        }
        return new FieldReader(padded.hi, padded.lo, capacity);
    }

    private void shiftLeft(int width) {
        hi = (hi << width) | (lo >>> (64 - width));
        lo <<= width;
    }
}
