package uk.lifeline.code;

import java.util.Locale;

/**
 * An EUI-64 identifier: a device ID (ESME, GSME, PPMID...) or a supplier's originator ID, written as 16 hex
 * digits such as {@code 00DB1234567890A0}. Immutable and thread-safe.
 */
public record Eui64(long value) {

    /**
     * Parses 16 hex digits, ignoring dashes, colons and spaces between them.
     *
     * @throws IllegalArgumentException naming the input when it is not 16 hex digits
     */
    public static Eui64 parse(String text) {
        String hex = text.replaceAll("[-: ]", "");
        if (!hex.matches("[0-9A-Fa-f]{16}")) {
            String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
            throw new IllegalArgumentException("an EUI-64 is 16 hex digits, got '" + shown + "'");
        }
        return new Eui64(Long.parseUnsignedLong(hex, 16));
    }

    /** Big-endian bytes, as GBCS puts identifiers into the KDF and the MAC's associated data. */
    public byte[] bytes() {
        byte[] out = new byte[8];
        Bits.putLong(out, 0, value);
        return out;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%016X", value);
    }
}
