package uk.lifeline.code;

/**
 * Converts between a block's 64-bit PTUT and its 20 decimal digits. Stateless and thread-safe.
 *
 * <p>Digits = decimal(PTUT + K-class-5 offset), 19 digits, followed by the GBCS check digit. The offset keeps
 * UTRNs apart from STS token numbers. With the PTUT's three lead bits zero every block is exactly 19 digits
 * before the check digit, from 7394156990786306048 to 9699999999999999999; GBCS top-ups (sub class 0) start 73-75.
 */
public final class Ptut {

    /** GBCS K-class 5 offset, 0x669D529B714A0000. */
    public static final long K_CLASS_5_OFFSET = 7_394_156_990_786_306_048L;

    /** Digits in one block, check digit included. */
    public static final int BLOCK_DIGITS = 20;

    /** The PTUT's three lead bits must be zero: PTUT < 2^61. */
    public static final long LIMIT = 1L << 61;

    private Ptut() {}

    /** The 20 digits of one block. The PTUT must be below 2^61. */
    public static String toDigits(long ptut) {
        if (ptut < 0 || ptut >= LIMIT) {
            throw new IllegalArgumentException("PTUT lead bits must be zero: 0x" + Long.toHexString(ptut));
        }
        // The sum exceeds Long.MAX_VALUE but not 2^64: treat it as unsigned.
        String pptd = Long.toUnsignedString(ptut + K_CLASS_5_OFFSET);
        return pptd + GbcsCheckDigit.of(pptd);
    }

    /**
     * The PTUT of a 20-digit block whose check digit is already known to be right, or -1 when the digits are
     * not the image of any PTUT (below the offset, or lead bits set).
     */
    public static long fromCheckedDigits(CharSequence block) {
        long pptd = 0;
        for (int i = 0; i < BLOCK_DIGITS - 1; i++) {
            pptd = pptd * 10 + (block.charAt(i) - '0');
        }
        // 19 digits always fit in an unsigned 64-bit value; compare unsigned.
        long ptut = pptd - K_CLASS_5_OFFSET;
        if (Long.compareUnsigned(pptd, K_CLASS_5_OFFSET) < 0 || ptut >= LIMIT || ptut < 0) {
            return -1;
        }
        return ptut;
    }
}
