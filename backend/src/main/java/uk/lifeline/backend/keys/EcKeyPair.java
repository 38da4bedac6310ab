package uk.lifeline.backend.keys;

import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * A P-256 key pair with its key id. Immutable. {@link #toString()} never shows the private key.
 *
 * @param kid the key id: {@code <owner>-<yyyyMMdd>-<8 hex digits of the public key's SHA-256>}, so ids sort by
 *     age and the newest signs
 */
public record EcKeyPair(String kid, ECPrivateKey privateKey, ECPublicKey publicKey) {

    /** Makes a fresh P-256 key pair. */
    public static EcKeyPair generate(String owner, LocalDate today) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            java.security.KeyPair pair = generator.generateKeyPair();
            ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
            String kid = owner + "-" + today.format(DateTimeFormatter.BASIC_ISO_DATE) + "-"
                    + HexFormat.of().formatHex(digest, 0, 4);
            return new EcKeyPair(kid, (ECPrivateKey) pair.getPrivate(), publicKey);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot make P-256 keys", e);
        }
    }

    @Override
    public String toString() {
        return "EcKeyPair[kid=" + kid + "]";
    }
}
