package uk.lifeline.backend.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The audit chain's link rule, written once for the verifier (the database computes the same when it appends,
 * see V1__schema.sql): {@code hash = SHA-256(previous hash || seq as 8 bytes big-endian || entry as UTF-8)},
 * starting from 32 zero bytes. Stateless.
 */
public final class AuditHash {

    public static final byte[] GENESIS = new byte[32];

    private AuditHash() {}

    public static byte[] link(byte[] previous, long seq, String entry) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previous);
            sha.update(ByteBuffer.allocate(8).putLong(seq).array());
            sha.update(entry.getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }
}
