package uk.lifeline.app.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

class SessionVaultTest {

    static final Session SESSION = new Session(
            "https://lifeline.example",
            "secret-token",
            Instant.parse("2027-12-01T00:00:00Z"),
            "5f0c6f64-8a3c-4f5e-9f0e-2b7d0c1e4a11",
            "demo-energy",
            "Demo Energy",
            "0800 123 4567");

    static final class Blob implements SessionVault.BlobStore {
        byte[] bytes;

        @Override
        public byte[] read() {
            return bytes == null ? null : bytes.clone();
        }

        @Override
        public void write(byte[] blob) {
            bytes = blob.clone();
        }

        @Override
        public void delete() {
            bytes = null;
        }
    }

    final SecretKey key = newKey();
    final Blob blob = new Blob();

    @Test
    void keepsTheSessionEncryptedAndGivesItBack() throws Exception {
        new SessionVault(() -> key, blob).save(SESSION);

        assertThat(new String(blob.bytes, StandardCharsets.ISO_8859_1))
                .doesNotContain("secret-token")
                .doesNotContain("demo-energy");
        assertThat(new SessionVault(() -> key, blob).load()).contains(SESSION);
    }

    @Test
    void aChangedBlobReadsAsNoSession() throws Exception {
        SessionVault vault = new SessionVault(() -> key, blob);
        vault.save(SESSION);
        blob.bytes[blob.bytes.length - 3] ^= 1;

        assertThat(vault.load()).isEmpty();
    }

    @Test
    void anotherKeyReadsAsNoSession() throws Exception {
        new SessionVault(() -> key, blob).save(SESSION);

        assertThat(new SessionVault(SessionVaultTest::newKey, blob).load()).isEmpty();
    }

    @Test
    void clearForgetsIt() throws Exception {
        SessionVault vault = new SessionVault(() -> key, blob);
        vault.save(SESSION);
        vault.clear();

        assertThat(vault.load()).isEmpty();
        assertThat(SESSION.toString()).doesNotContain("secret-token");
    }

    static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
