package uk.lifeline.backend.commissioning;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import uk.lifeline.backend.keys.KeyProperties;

/**
 * Loads the install-code vault's AES-256 keys, by key id, oldest first (ids sort by date): from
 * {@code <keys dir>/backend/install-code-vault/<kid>.aes} (32 bytes, Base64, readable by its owner only), or from
 * the configured PKCS#12 keystore's secret-key entries {@code backend.install-code-vault.<kid>}. Makes the first
 * key when there is none and {@code lifeline.keys.generate-missing} is on; refuses to start otherwise.
 * Stateless.
 */
final class VaultKeys {

    static final String PURPOSE = "install-code-vault";
    private static final String ALIAS_PREFIX = "backend." + PURPOSE + ".";

    private VaultKeys() {}

    static TreeMap<String, SecretKey> load(KeyProperties properties, LocalDate today) {
        TreeMap<String, SecretKey> keys = properties.keystore() != null
                ? fromKeystore(properties.keystore(), properties.keystorePassword())
                : fromFolder(folder(properties));
        if (!keys.isEmpty()) {
            return keys;
        }
        if (properties.keystore() != null || !properties.generateMissing()) {
            throw new IllegalStateException("no install-code vault key: put one in "
                    + (properties.keystore() != null
                            ? "the keystore as " + ALIAS_PREFIX + "<kid>"
                            : folder(properties) + " as <kid>.aes (32 random bytes, Base64)")
                    + ", or turn lifeline.keys.generate-missing on");
        }
        byte[] fresh = new byte[32];
        SecureRandom random = new SecureRandom();
        random.nextBytes(fresh);
        byte[] tag = new byte[4];
        random.nextBytes(tag);
        String kid = "vault-" + today.format(DateTimeFormatter.BASIC_ISO_DATE) + "-"
                + HexFormat.of().formatHex(tag);
        store(folder(properties), kid, fresh);
        keys.put(kid, new SecretKeySpec(fresh, "AES"));
        return keys;
    }

    private static Path folder(KeyProperties properties) {
        return properties.dir().resolve("backend").resolve(PURPOSE);
    }

    private static TreeMap<String, SecretKey> fromFolder(Path folder) {
        TreeMap<String, SecretKey> keys = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return keys;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".aes"))
                    .toList()) {
                String name = file.getFileName().toString();
                byte[] key = Base64.getDecoder()
                        .decode(Files.readString(file, StandardCharsets.US_ASCII)
                                .trim());
                if (key.length != 32) {
                    throw new IllegalStateException(file + " is not a 256-bit key");
                }
                keys.put(name.substring(0, name.length() - 4), new SecretKeySpec(key, "AES"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the install-code vault keys in " + folder, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("an install-code vault key in " + folder + " is not Base64", e);
        }
        return keys;
    }

    private static TreeMap<String, SecretKey> fromKeystore(Path file, String password) {
        char[] secret = password == null ? new char[0] : password.toCharArray();
        TreeMap<String, SecretKey> keys = new TreeMap<>();
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, secret);
            for (String alias : Collections.list(store.aliases())) {
                if (alias.startsWith(ALIAS_PREFIX)
                        && store.isKeyEntry(alias)
                        && store.getKey(alias, secret) instanceof SecretKey key) {
                    keys.put(alias.substring(ALIAS_PREFIX.length()), new SecretKeySpec(key.getEncoded(), "AES"));
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the install-code vault keys in " + file, e);
        }
        return keys;
    }

    private static void store(Path folder, String kid, byte[] key) {
        try {
            Files.createDirectories(folder);
            Path temporary = folder.resolve(kid + ".aes.tmp");
            Files.deleteIfExists(temporary);
            Files.createFile(temporary);
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the folder's own access control applies.
            }
            Files.writeString(temporary, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
            Files.move(temporary, folder.resolve(kid + ".aes"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the install-code vault key into " + folder, e);
        }
    }
}
