package uk.lifeline.backend.commissioning;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;

/**
 * A ZigBee install code: 6, 8, 12 or 16 bytes of code followed by their CRC-16 (CRC-16/X-25: polynomial 0x1021
 * reflected, initial value and final XOR 0xFFFF), least significant byte first, as the ZigBee specification
 * writes it. A secret: {@link #toString()} never shows it, and it is held in clear only on its way into or out of
 * the {@link InstallCodeVault}. Immutable.
 */
public final class InstallCode {

    private static final int[] CODE_LENGTHS = {6, 8, 12, 16};

    private final byte[] bytes;

    private InstallCode(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Reads hex digits, ignoring spaces and dashes.
     *
     * @throws ApiException {@code invalid-install-code}, saying what is wrong but never echoing the code
     */
    public static InstallCode parse(String text) {
        String hex = text == null ? "" : text.replace(" ", "").replace("-", "").toUpperCase(Locale.ROOT);
        if (!hex.matches("[0-9A-F]*") || hex.isEmpty()) {
            throw invalid("give the install code as hex digits");
        }
        byte[] bytes = HexFormat.of().parseHex(hex.length() % 2 == 0 ? hex : hex + "0");
        int codeLength = bytes.length - 2;
        if (hex.length() % 2 != 0 || Arrays.stream(CODE_LENGTHS).noneMatch(n -> n == codeLength)) {
            throw invalid("an install code is 6, 8, 12 or 16 bytes and its 2-byte CRC: 16, 20, 28 or 36 hex digits,"
                    + " not " + hex.length());
        }
        int crc = crc(bytes, codeLength);
        if ((bytes[codeLength] & 0xFF) != (crc & 0xFF) || (bytes[codeLength + 1] & 0xFF) != crc >>> 8) {
            throw invalid("the CRC (last 4 hex digits) does not match the code: a digit is probably mistyped");
        }
        return new InstallCode(bytes);
    }

    /** The code bytes (6, 8, 12 or 16) with their CRC appended: for making codes, e.g. demo devices'. */
    public static InstallCode withCrc(byte[] code) {
        if (Arrays.stream(CODE_LENGTHS).noneMatch(n -> n == code.length)) {
            throw new IllegalArgumentException("an install code is 6, 8, 12 or 16 bytes, not " + code.length);
        }
        byte[] bytes = Arrays.copyOf(code, code.length + 2);
        int crc = crc(code, code.length);
        bytes[code.length] = (byte) crc;
        bytes[code.length + 1] = (byte) (crc >>> 8);
        return new InstallCode(bytes);
    }

    /** Reads what the vault decrypted; it was checked on the way in. */
    static InstallCode ofStored(byte[] bytes) {
        return new InstallCode(bytes.clone());
    }

    /** CRC-16/X-25 of the first {@code length} bytes. */
    static int crc(byte[] data, int length) {
        int crc = 0xFFFF;
        for (int i = 0; i < length; i++) {
            crc ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
            }
        }
        return crc ^ 0xFFFF;
    }

    byte[] bytes() {
        return bytes.clone();
    }

    /** Upper-case hex in groups of four, as it is read out or typed into a commissioning tool. */
    public String grouped() {
        String hex = HexFormat.of().withUpperCase().formatHex(bytes);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 4) {
            out.append(i == 0 ? "" : " ").append(hex, i, Math.min(i + 4, hex.length()));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "InstallCode[" + bytes.length + " bytes, withheld]";
    }

    private static ApiException invalid(String why) {
        return ApiException.field(
                ProblemType.INVALID_INSTALL_CODE,
                "installCode",
                why,
                "hex: 6, 8, 12 or 16 bytes and a CRC-16/X-25, least significant byte first");
    }
}
