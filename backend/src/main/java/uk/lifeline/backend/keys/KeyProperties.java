package uk.lifeline.backend.keys;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the backend's private keys live.
 *
 * @param dir a folder of PEM files, laid out as {@link FolderKeySource} says
 * @param keystore a PKCS#12 keystore to read instead of the folder, or null
 * @param keystorePassword the keystore's password (and its entries')
 * @param generateMissing make a key that is missing on first use (the embedded default; never in production)
 */
@ConfigurationProperties("lifeline.keys")
public record KeyProperties(Path dir, Path keystore, String keystorePassword, boolean generateMissing) {}
