package uk.lifeline.code;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads P-256 keys from PEM: PKCS#8 private keys, X.509 certificates and SubjectPublicKeyInfo. Stateless. */
public final class Pem {

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private Pem() {}

    /** A PKCS#8 ("PRIVATE KEY") elliptic-curve private key. */
    public static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        byte[] der = body(pem, "PRIVATE KEY");
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    /** The public key of an X.509 certificate ("CERTIFICATE") or a bare "PUBLIC KEY". */
    public static PublicKey publicKey(String pem) throws GeneralSecurityException {
        Matcher m = BLOCK.matcher(pem);
        if (!m.find()) {
            throw new GeneralSecurityException("no PEM block found");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(2));
        switch (m.group(1)) {
            case "CERTIFICATE":
                return CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der))
                        .getPublicKey();
            case "PUBLIC KEY":
                return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
            default:
                throw new GeneralSecurityException("expected CERTIFICATE or PUBLIC KEY, found " + m.group(1));
        }
    }

    public static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
        return privateKey(new String(Files.readAllBytes(file), StandardCharsets.US_ASCII));
    }

    public static PublicKey readPublicKey(Path file) throws IOException, GeneralSecurityException {
        return publicKey(new String(Files.readAllBytes(file), StandardCharsets.US_ASCII));
    }

    /** PEM text for a key's standard encoding: PKCS#8 for private keys, SubjectPublicKeyInfo for public. */
    public static String encode(java.security.Key key) {
        String type = key instanceof PrivateKey ? "PRIVATE KEY" : "PUBLIC KEY";
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded());
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] body(String pem, String type) throws GeneralSecurityException {
        Matcher m = BLOCK.matcher(pem);
        if (!m.find()) {
            throw new GeneralSecurityException("no PEM block found");
        }
        if (!m.group(1).equals(type)) {
            throw new GeneralSecurityException("expected " + type + ", found " + m.group(1)
                    + (m.group(1).equals("EC PRIVATE KEY") ? " (convert it with: openssl pkcs8 -topk8 -nocrypt)" : ""));
        }
        return Base64.getMimeDecoder().decode(m.group(2));
    }
}
