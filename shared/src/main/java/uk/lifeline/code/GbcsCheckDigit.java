package uk.lifeline.code;

/**
 * The Verhoeff check digit as GBCS section 14.8 defines it for UTRNs. Stateless and thread-safe.
 *
 * <p>GBCS uses the textbook dihedral-group multiplication and permutation tables, walks the digits from the
 * left starting at permutation row 4, and has its own inverse table (table 14.8c), so a textbook Verhoeff
 * library gives different digits. It catches every single-digit error and every swap of two adjacent digits,
 * the check digit included.
 */
public final class GbcsCheckDigit {

    // GBCS table 14.8b: multiplication in the dihedral group D5.
    private static final byte[][] MULTIPLY = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
        {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
        {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
        {3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
        {4, 0, 1, 2, 3, 9, 5, 6, 7, 8},
        {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
        {6, 5, 9, 8, 7, 1, 0, 4, 3, 2},
        {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
        {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
        {9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
    };

    // GBCS table 14.8a: the permutation applied at each position, cycling with period 8.
    private static final byte[][] PERMUTE = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
        {1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
        {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
        {8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
        {9, 4, 5, 3, 1, 2, 6, 8, 7, 0},
        {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
        {2, 7, 9, 3, 8, 0, 6, 4, 1, 5},
        {7, 0, 4, 6, 9, 1, 3, 2, 5, 8},
    };

    // GBCS table 14.8c: differs from the textbook inverse table.
    private static final byte[] INVERSE = {1, 2, 6, 7, 5, 8, 3, 0, 9, 4};

    private static final int FIRST_PERMUTATION_ROW = 4;

    private GbcsCheckDigit() {}

    /**
     * Returns the check digit (0-9) for a non-empty run of decimal digits.
     *
     * @throws IllegalArgumentException if {@code digits} is empty or holds anything but 0-9
     */
    public static int of(CharSequence digits) {
        return of(digits, 0, digits.length());
    }

    /** The check digit of {@code digits[from, to)}. */
    static int of(CharSequence digits, int from, int to) {
        if (to <= from) {
            throw new IllegalArgumentException("no digits to check");
        }
        int check = 0;
        int row = FIRST_PERMUTATION_ROW;
        for (int i = from; i < to; i++) {
            int digit = digits.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                throw new IllegalArgumentException("not a decimal digit at index " + i);
            }
            check = MULTIPLY[check][PERMUTE[row][digit]];
            row = (row + 1) & 7;
        }
        return INVERSE[check];
    }

    /** True when the last digit of {@code digitsWithCheck} is the check digit of the ones before it. */
    public static boolean isValid(CharSequence digitsWithCheck) {
        int last = digitsWithCheck.length() - 1;
        return last >= 1 && of(digitsWithCheck, 0, last) == digitsWithCheck.charAt(last) - '0';
    }
}
