package uk.lifeline.backend.database;

import java.nio.ByteBuffer;

/** Reading column values whose Java type the R2DBC driver chooses. Stateless. */
public final class Rows {

    private Rows() {}

    /** A {@code bytea} value: the driver gives a ByteBuffer (or, with other codecs, a byte array). */
    public static byte[] bytes(Object value) {
        if (value instanceof ByteBuffer buffer) {
            byte[] out = new byte[buffer.remaining()];
            buffer.duplicate().get(out);
            return out;
        }
        return (byte[]) value;
    }
}
