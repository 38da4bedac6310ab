package uk.lifeline.backend.commissioning;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import uk.lifeline.backend.keys.KeyProperties;

/**
 * Encrypts install codes at rest with AES-256-GCM: a fresh 96-bit nonce per code, the 128-bit tag, and the
 * device's EUI-64 and the key id as associated data, so a ciphertext moved to another device's row, or
 * relabelled with another key id, fails to decrypt. New codes use the newest key ({@link VaultKeys}); older keys
 * stay to read codes stored under them. Nothing here logs a code. Thread-safe.
 */
@Component
public class InstallCodeVault {

    /** An encrypted install code: nonce || ciphertext || tag, and the key it needs. Immutable. */
    public record Sealed(String kid, byte[] bytes) {

        @Override
        public String toString() {
            return "Sealed[kid=" + kid + "]";
        }
    }

    private static final Logger log = LoggerFactory.getLogger(InstallCodeVault.class);
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TreeMap<String, SecretKey> keys;

    @Autowired
    InstallCodeVault(KeyProperties properties, Clock clock) {
        this(VaultKeys.load(properties, LocalDate.now(clock)));
        log.info("Install-code vault: {} key(s), newest {}", keys.size(), keys.lastKey());
    }

    InstallCodeVault(TreeMap<String, SecretKey> keys) {
        this.keys = new TreeMap<>(keys);
    }

    Sealed seal(String eui64, InstallCode code) {
        Map.Entry<String, SecretKey> newest = keys.lastEntry();
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            Cipher aes = cipher(Cipher.ENCRYPT_MODE, newest.getValue(), nonce, eui64, newest.getKey());
            byte[] sealed = aes.doFinal(code.bytes());
            return new Sealed(
                    newest.getKey(),
                    ByteBuffer.allocate(NONCE + sealed.length)
                            .put(nonce)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** @throws IllegalStateException when the key is unknown or the ciphertext was not made for this device */
    InstallCode open(String eui64, Sealed sealed) {
        SecretKey key = keys.get(sealed.kid());
        if (key == null) {
            throw new IllegalStateException(
                    "the install code of " + eui64 + " needs vault key " + sealed.kid() + ", which is not configured");
        }
        byte[] bytes = sealed.bytes();
        try {
            Cipher aes = cipher(Cipher.DECRYPT_MODE, key, java.util.Arrays.copyOf(bytes, NONCE), eui64, sealed.kid());
            return InstallCode.ofStored(aes.doFinal(bytes, NONCE, bytes.length - NONCE));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored install code of " + eui64 + " does not decrypt: it was not"
                    + " sealed for this device with key " + sealed.kid());
        }
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String eui64, String kid)
            throws GeneralSecurityException {
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        aes.updateAAD(("lifeline install code v1|" + eui64 + "|" + kid).getBytes(StandardCharsets.US_ASCII));
        return aes;
    }
}
