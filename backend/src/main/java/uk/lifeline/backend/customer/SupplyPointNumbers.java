package uk.lifeline.backend.customer;

/**
 * Check digits of GB supply point numbers. Stateless.
 * <ul>
 *   <li>MPAN core, 13 digits: each of the first 12 digits times 3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43 in
 *       turn (the primes from 3, without 11); the sum mod 11 mod 10 is the 13th digit.</li>
 *   <li>MPRN, 6 to 10 digits: the last two are check digits. Each earlier digit is weighted by its distance
 *       from the end of the unchecked part (the first of n digits by n, the last by 1); the sum mod 11, as two
 *       digits, gives them.</li>
 * </ul>
 */
public final class SupplyPointNumbers {

    private static final int[] MPAN_WEIGHTS = {3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43};

    private SupplyPointNumbers() {}

    /** True for a 13-digit MPAN core whose check digit matches. */
    public static boolean isValidMpan(String core) {
        if (core == null || !core.matches("[0-9]{13}")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (core.charAt(i) - '0') * MPAN_WEIGHTS[i];
        }
        return sum % 11 % 10 == core.charAt(12) - '0';
    }

    /** True for a 6 to 10-digit MPRN whose two check digits match. */
    public static boolean isValidMprn(String mprn) {
        if (mprn == null || !mprn.matches("[0-9]{6,10}")) {
            return false;
        }
        int body = mprn.length() - 2;
        int sum = 0;
        for (int i = 0; i < body; i++) {
            sum += (mprn.charAt(i) - '0') * (body - i);
        }
        return Integer.parseInt(mprn.substring(body)) == sum % 11;
    }

    /** Appends the check digit to 12 digits: for seeding and tests. */
    public static String mpanWithCheckDigit(String first12) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (first12.charAt(i) - '0') * MPAN_WEIGHTS[i];
        }
        return first12 + (sum % 11 % 10);
    }

    /** Appends the two check digits to 4 to 8 digits: for seeding and tests. */
    public static String mprnWithCheckDigits(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            sum += (body.charAt(i) - '0') * (body.length() - i);
        }
        return body + String.format("%02d", sum % 11);
    }
}
