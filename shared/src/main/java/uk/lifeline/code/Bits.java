package uk.lifeline.code;

/** Big-endian byte helpers shared by the KDF and the MAC. Stateless. */
final class Bits {
    private Bits() {}

    static void putLong(byte[] out, int at, long value) {
        for (int i = 7; i >= 0; i--) {
            out[at + i] = (byte) value;
            value >>>= 8;
        }
    }

    static void putInt(byte[] out, int at, int value) {
        for (int i = 3; i >= 0; i--) {
            out[at + i] = (byte) value;
            value >>>= 8;
        }
    }
}
