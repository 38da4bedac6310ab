package uk.lifeline.backend.reach.sms;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one place for the text-length rule: a text is sent as one part, never concatenated (no user data header
 * to lose, no part arriving alone). GSM 7-bit (GSM 03.38 default alphabet, unpacked as the SMPP short_message
 * carries it, extension characters as two septets) takes 160 septets; anything with a character outside it, for
 * example Welsh ŵ, ŷ or â, goes as UCS-2 and takes 70 UTF-16 units. Immutable.
 */
public record SmsBody(String text, Encoding encoding) {

    public enum Encoding {
        GSM7(160),
        UCS2(70);

        private final int limit;

        Encoding(int limit) {
            this.limit = limit;
        }

        /** Septets (GSM7) or UTF-16 units (UCS-2) one part holds. */
        public int limit() {
            return limit;
        }
    }

    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION_CHARS = "\f^{}\\[~]|€";
    private static final byte[] EXTENSION_CODES = {0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};
    private static final byte ESCAPE = 0x1B;

    static {
        if (BASIC.length() != 128) {
            throw new IllegalStateException("the GSM 03.38 table must have 128 characters");
        }
    }

    public SmsBody {
        if (units(text, encoding) > encoding.limit()) {
            throw new IllegalArgumentException("text longer than one part");
        }
    }

    /** The text as one part, in GSM 7-bit when it can be, else UCS-2; empty when it fits neither. */
    public static Optional<SmsBody> onePart(String text) {
        Encoding e = isGsm7(text) ? Encoding.GSM7 : Encoding.UCS2;
        return units(text, e) <= e.limit() ? Optional.of(new SmsBody(text, e)) : Optional.empty();
    }

    /** Whether the text fits one part. */
    public static boolean fits(String text) {
        return onePart(text).isPresent();
    }

    /** The short_message octets: one per septet for GSM 7-bit, UTF-16 big-endian for UCS-2. */
    public byte[] octets() {
        if (encoding == Encoding.UCS2) {
            return text.getBytes(StandardCharsets.UTF_16BE);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int basic = BASIC.indexOf(c);
            if (basic >= 0 && c != ESCAPE) {
                out.write(basic);
            } else {
                out.write(ESCAPE);
                out.write(EXTENSION_CODES[EXTENSION_CHARS.indexOf(c)]);
            }
        }
        return out.toByteArray();
    }

    /** Reads a received short_message: GSM 7-bit unpacked septets (data coding 0) or UCS-2 (8). */
    public static String decode(byte[] octets, boolean ucs2) {
        if (ucs2) {
            return new String(octets, StandardCharsets.UTF_16BE);
        }
        StringBuilder s = new StringBuilder(octets.length);
        for (int i = 0; i < octets.length; i++) {
            int b = octets[i] & 0x7F;
            if (b == ESCAPE && i + 1 < octets.length) {
                int ext = -1;
                byte next = octets[++i];
                for (int k = 0; k < EXTENSION_CODES.length; k++) {
                    if (EXTENSION_CODES[k] == next) {
                        ext = k;
                    }
                }
                s.append(ext >= 0 ? EXTENSION_CHARS.charAt(ext) : ' ');
            } else {
                s.append(BASIC.charAt(b));
            }
        }
        return s.toString();
    }

    private static boolean isGsm7(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ESCAPE || (BASIC.indexOf(c) < 0 && EXTENSION_CHARS.indexOf(c) < 0)) {
                return false;
            }
        }
        return true;
    }

    private static int units(String text, Encoding e) {
        if (e == Encoding.UCS2) {
            return text.length();
        }
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            septets += EXTENSION_CHARS.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
        }
        return septets;
    }
}
