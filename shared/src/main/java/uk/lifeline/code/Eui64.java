package uk.lifeline.code;

/**
 * An EUI-64 identifier: a device ID (ESME, GSME, PPMID...) or a supplier's originator ID, written as 16 hex
 * digits such as {@code 00DB1234567890A0}. Immutable and thread-safe.
 */
public record Eui64(long value) {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /**
     * Parses 16 hex digits, ignoring dashes, colons and spaces between them.
     *
     * @throws IllegalArgumentException naming the input when it is not 16 hex digits
     */
    public static Eui64 parse(String text) {
        // By hand, not by regular expression: every API call naming a meter parses one.
        long value = 0;
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '-' || c == ':' || c == ' ') {
                continue;
            }
            int digit = hexDigit(c);
            if (digit < 0 || ++digits > 16) {
                throw notAnEui64(text);
            }
            value = value << 4 | digit;
        }
        if (digits != 16) {
            throw notAnEui64(text);
        }
        return new Eui64(value);
    }

    /** The value of an ASCII hex digit, or -1 (other scripts' digits are not hex digits here). */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    private static IllegalArgumentException notAnEui64(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return new IllegalArgumentException("an EUI-64 is 16 hex digits, got '" + shown + "'");
    }

    /** Big-endian bytes, as GBCS puts identifiers into the KDF and the MAC's associated data. */
    public byte[] bytes() {
        byte[] out = new byte[8];
        Bits.putLong(out, 0, value);
        return out;
    }

    @Override
    public String toString() {
        char[] out = new char[16];
        for (int i = 0; i < 16; i++) {
            out[i] = HEX[(int) (value >>> (60 - 4 * i)) & 0xF];
        }
        return new String(out);
    }
}
