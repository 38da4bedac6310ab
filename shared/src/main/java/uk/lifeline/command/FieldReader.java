package uk.lifeline.command;

/**
 * Reads a code's payload bits, most significant first: the inverse of {@link FieldWriter}. The payload is the
 * low {@code capacity} bits of a 128-bit number held as two longs. Not thread-safe: one reader per decoding.
 */
public final class FieldReader {

    private final long hi;
    private final long lo;
    private final int capacity;
    private int position;

    public FieldReader(long hi, long lo, int capacity) {
        this.hi = hi;
        this.lo = lo;
        this.capacity = capacity;
    }

    public long hi() {
        return hi;
    }

    public long lo() {
        return lo;
    }

    public int capacity() {
        return capacity;
    }

    /** The next {@code width} bits (1 to 63) as an unsigned value. */
    public long take(int width) {
        if (position + width > capacity) {
            throw new IllegalStateException("reading past the payload of " + capacity + " bits");
        }
        int fromLsb = capacity - position - width;
        position += width;
        return bitsAt(fromLsb, width);
    }

    public boolean flag() {
        return take(1) == 1;
    }

    /** True when every bit not yet read is zero: reserved bits must be. */
    public boolean restIsZero() {
        int left = capacity - position;
        for (int from = 0; from < left; from += 32) {
            if (bitsAt(from, Math.min(32, left - from)) != 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code width} bits starting {@code fromLsb} bits above the least significant bit. */
    public long bitsAt(int fromLsb, int width) {
        long mask = width == 64 ? -1L : (1L << width) - 1;
        if (fromLsb >= 64) {
            return (hi >>> (fromLsb - 64)) & mask;
        }
        long value = lo >>> fromLsb;
        if (fromLsb > 0 && fromLsb + width > 64) {
            value |= hi << (64 - fromLsb);
        }
        return value & mask;
    }
}
