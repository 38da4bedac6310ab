package uk.lifeline.backend.keys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Keys in a PKCS#12 keystore, read-only: each private key entry's alias is {@code <owner>.<purpose>.<kid>}
 * (e.g. {@code bright-energy.envelope-signing.bright-energy-20260101-1a2b3c4d}), its certificate carries the
 * public key. Made with {@code keytool -genkeypair -keyalg EC -groupname secp256r1 -storetype PKCS12}.
 * Thread-safe: read once at start.
 */
final class KeystoreKeySource implements KeySource {

    private final Path file;
    private final KeyStore store;
    private final char[] password;

    KeystoreKeySource(Path file, String password) {
        this.file = file;
        this.password = password == null ? new char[0] : password.toCharArray();
        try (InputStream in = Files.newInputStream(file)) {
            this.store = KeyStore.getInstance("PKCS12");
            store.load(in, this.password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot open the keystore " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<EcKeyPair> load(String owner, KeyPurpose purpose) {
        String prefix = owner + "." + purpose.folder() + ".";
        List<EcKeyPair> keys = new ArrayList<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (alias.startsWith(prefix) && store.isKeyEntry(alias)) {
                    keys.add(new EcKeyPair(
                            alias.substring(prefix.length()),
                            (ECPrivateKey) store.getKey(alias, password),
                            (ECPublicKey) store.getCertificate(alias).getPublicKey()));
                }
            }
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("a key under " + prefix + "* in " + file + " is not a P-256 key", e);
        }
        keys.sort((a, b) -> a.kid().compareTo(b.kid()));
        return keys;
    }

    @Override
    public void store(String owner, KeyPurpose purpose, EcKeyPair key) {
        throw new IllegalStateException("no " + purpose.folder() + " key for " + owner + " in the keystore " + file
                + " (alias " + owner + "." + purpose.folder() + ".<kid>); the backend does not write keystores");
    }

    @Override
    public String describe() {
        return "keystore " + file;
    }
}
