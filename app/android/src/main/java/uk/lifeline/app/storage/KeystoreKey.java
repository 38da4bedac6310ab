package uk.lifeline.app.storage;

import android.security.keystore.KeyGenParameterSpec;
import android.security.keystore.KeyProperties;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import uk.lifeline.app.account.SessionVault;

/**
 * The session's AES-256-GCM key, made in and never leaving the Android Keystore (secure hardware where the
 * phone has it). Thread-safe.
 */
public final class KeystoreKey implements SessionVault.KeyHolder {

    private static final String STORE = "AndroidKeyStore";
    private static final String ALIAS = "lifeline-session";

    @Override
    public synchronized SecretKey key() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(STORE);
        try {
            store.load(null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("the Android Keystore cannot be opened", e);
        }
        if (store.getKey(ALIAS, null) instanceof SecretKey key) {
            return key;
        }
        KeyGenerator generator = KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, STORE);
        generator.init(
                new KeyGenParameterSpec.Builder(ALIAS, KeyProperties.PURPOSE_ENCRYPT | KeyProperties.PURPOSE_DECRYPT)
                        .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
                        .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
                        .setKeySize(256)
                        .build());
        return generator.generateKey();
    }
}
