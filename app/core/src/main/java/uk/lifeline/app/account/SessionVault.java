package uk.lifeline.app.account;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Keeps the session encrypted at rest: AES-GCM under a key the platform holds (the Android Keystore on a
 * phone, where the key never leaves secure hardware), as {@code iv length || iv || ciphertext}. The cipher makes
 * the IV, as the Android Keystore requires. A blob that does not decrypt (key lost after a restore, tampering)
 * reads as no session, and the customer activates again. Thread-safe if the key and blob holders are.
 */
public final class SessionVault {

    /** The encryption key, made on first use. */
    public interface KeyHolder {
        SecretKey key() throws GeneralSecurityException;
    }

    /** Where the encrypted bytes live. */
    public interface BlobStore {
        byte[] read();

        void write(byte[] blob);

        void delete();
    }

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int TAG_BITS = 128;
    private static final byte FORMAT = 1;

    private final KeyHolder keys;
    private final BlobStore blobs;

    public SessionVault(KeyHolder keys, BlobStore blobs) {
        this.keys = keys;
        this.blobs = blobs;
    }

    public void save(Session session) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(Cipher.ENCRYPT_MODE, keys.key());
        byte[] iv = cipher.getIV();
        byte[] sealed = cipher.doFinal(serialise(session));
        blobs.write(ByteBuffer.allocate(1 + iv.length + sealed.length)
                .put((byte) iv.length)
                .put(iv)
                .put(sealed)
                .array());
    }

    public Optional<Session> load() {
        byte[] blob = blobs.read();
        if (blob == null || blob.length < 2) {
            return Optional.empty();
        }
        try {
            int ivLength = blob[0];
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, keys.key(), new GCMParameterSpec(TAG_BITS, blob, 1, ivLength));
            return Optional.of(deserialise(cipher.doFinal(blob, 1 + ivLength, blob.length - 1 - ivLength)));
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public void clear() {
        blobs.delete();
    }

    /** Version 1: the fields in record order, each as modified UTF-8 (DataOutput#writeUTF). */
    private static byte[] serialise(Session s) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(FORMAT);
            for (String field : new String[] {
                s.server(),
                s.token(),
                s.expiresAt().toString(),
                s.customerId(),
                s.supplier(),
                s.supplierName(),
                s.supplierPhone()
            }) {
                out.writeUTF(field);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
    }

    private static Session deserialise(byte[] plain) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain));
        if (in.readByte() != FORMAT) {
            throw new IOException("unknown session format");
        }
        return new Session(
                in.readUTF(),
                in.readUTF(),
                Instant.parse(in.readUTF()),
                in.readUTF(),
                in.readUTF(),
                in.readUTF(),
                in.readUTF());
    }
}
