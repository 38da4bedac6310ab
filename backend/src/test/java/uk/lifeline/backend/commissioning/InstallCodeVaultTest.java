package uk.lifeline.backend.commissioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.TreeMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.lifeline.backend.keys.KeyProperties;

class InstallCodeVaultTest {

    private static final String DEVICE = "00DB1234567800E1";
    private static final InstallCode CODE = InstallCode.parse("83FED3407A939723A5C639B26916D505C3B5");

    @TempDir
    Path dir;

    private static InstallCodeVault vault(String kid, byte fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, fill);
        TreeMap<String, SecretKey> keys = new TreeMap<>();
        keys.put(kid, new SecretKeySpec(key, "AES"));
        return new InstallCodeVault(keys);
    }

    @Test
    void aSealedCodeOpensForItsDeviceAndHoldsNoClearText() {
        InstallCodeVault vault = vault("vault-1", (byte) 1);
        InstallCodeVault.Sealed sealed = vault.seal(DEVICE, CODE);
        assertThat(sealed.bytes()).hasSize(12 + 18 + 16);
        assertThat(java.util.HexFormat.of().formatHex(sealed.bytes()).toUpperCase())
                .doesNotContain("83FED340");
        assertThat(vault.open(DEVICE, sealed).grouped()).isEqualTo(CODE.grouped());
        assertThat(sealed.toString()).doesNotContain("[B@").contains("vault-1");
    }

    @Test
    void everySealUsesAFreshNonce() {
        InstallCodeVault vault = vault("vault-1", (byte) 1);
        assertThat(vault.seal(DEVICE, CODE).bytes())
                .isNotEqualTo(vault.seal(DEVICE, CODE).bytes());
    }

    @Test
    void aCodeSealedForOneDeviceDoesNotOpenForAnother() {
        InstallCodeVault vault = vault("vault-1", (byte) 1);
        InstallCodeVault.Sealed sealed = vault.seal(DEVICE, CODE);
        assertThatThrownBy(() -> vault.open("00DB1234567800E2", sealed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not sealed for this device");
    }

    @Test
    void aTamperedOrRelabelledCodeDoesNotOpen() {
        InstallCodeVault vault = vault("vault-1", (byte) 1);
        InstallCodeVault.Sealed sealed = vault.seal(DEVICE, CODE);
        byte[] tampered = sealed.bytes().clone();
        tampered[20] ^= 1;
        assertThatThrownBy(() -> vault.open(DEVICE, new InstallCodeVault.Sealed("vault-1", tampered)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> vault.open(DEVICE, new InstallCodeVault.Sealed("vault-0", sealed.bytes())))
                .hasMessageContaining("vault-0")
                .hasMessageContaining("not configured");
        assertThatThrownBy(() -> vault(("vault-1"), (byte) 2).open(DEVICE, sealed))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void newCodesUseTheNewestKeyAndOldKeysStillOpenOldCodes() {
        InstallCodeVault old = vault("vault-20260101-aaaa", (byte) 1);
        InstallCodeVault.Sealed before = old.seal(DEVICE, CODE);
        TreeMap<String, SecretKey> both = new TreeMap<>();
        both.put("vault-20260101-aaaa", new SecretKeySpec(filled((byte) 1), "AES"));
        both.put("vault-20270101-bbbb", new SecretKeySpec(filled((byte) 2), "AES"));
        InstallCodeVault rotated = new InstallCodeVault(both);
        assertThat(rotated.seal(DEVICE, CODE).kid()).isEqualTo("vault-20270101-bbbb");
        assertThat(rotated.open(DEVICE, before).grouped()).isEqualTo(CODE.grouped());
    }

    @Test
    void theFirstKeyIsMadeInTheKeysFolderReadableByItsOwnerOnlyAndFoundAgain() throws Exception {
        KeyProperties properties = new KeyProperties(dir, null, null, true);
        TreeMap<String, SecretKey> made = VaultKeys.load(properties, LocalDate.of(2026, 5, 6));
        assertThat(made.firstKey()).startsWith("vault-20260506-");
        Path file = dir.resolve("backend/install-code-vault/" + made.firstKey() + ".aes");
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        TreeMap<String, SecretKey> again = VaultKeys.load(new KeyProperties(dir, null, null, false), LocalDate.now());
        assertThat(again.firstEntry().getValue().getEncoded())
                .isEqualTo(made.firstEntry().getValue().getEncoded());
    }

    @Test
    void withoutAKeyAndWithoutGeneratingTheBackendDoesNotStart() {
        assertThatThrownBy(() -> VaultKeys.load(new KeyProperties(dir, null, null, false), LocalDate.now()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("install-code-vault");
    }

    @Test
    void aKeystoreSecretKeyEntryIsUsedWhenAKeystoreIsConfigured() throws Exception {
        Path file = dir.resolve("keys.p12");
        char[] password = "changeit".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, password);
        store.setEntry(
                "backend.install-code-vault.vault-20260101-abcd",
                new KeyStore.SecretKeyEntry(new SecretKeySpec(filled((byte) 7), "AES")),
                new KeyStore.PasswordProtection(password));
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
        TreeMap<String, SecretKey> keys =
                VaultKeys.load(new KeyProperties(null, file, "changeit", false), LocalDate.now());
        assertThat(keys.keySet()).containsExactly("vault-20260101-abcd");
        assertThat(keys.firstEntry().getValue().getEncoded()).isEqualTo(filled((byte) 7));
        Path empty = dir.resolve("empty.p12");
        store.deleteEntry("backend.install-code-vault.vault-20260101-abcd");
        try (OutputStream out = Files.newOutputStream(empty)) {
            store.store(out, password);
        }
        assertThatThrownBy(() -> VaultKeys.load(new KeyProperties(null, empty, "changeit", true), LocalDate.now()))
                .hasMessageContaining("backend.install-code-vault.<kid>");
    }

    private static byte[] filled(byte b) {
        byte[] key = new byte[32];
        Arrays.fill(key, b);
        return key;
    }
}
