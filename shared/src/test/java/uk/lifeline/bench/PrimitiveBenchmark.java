package uk.lifeline.bench;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import uk.lifeline.code.CodeKey;

/**
 * The cryptography under every code, on its own: the ECDH agreement {@link CodeKey#agree} runs once per
 * supplier-meter pair, and the bare SHA-256 and AES-GCM tag that {@link CodeKey#mac} runs once per code.
 * The per-code MAC itself, per code size, is in {@link CodeBenchmark#mac}. One instance per thread.
 */
@State(Scope.Thread)
public class PrimitiveBenchmark {

    // What CodeKey feeds them for a one-block code: the KDF hashes 4 + 32 + 7 + 26 bytes, the tag covers
    // 6 + 8 + 8 + 1 + 8 + 4 bytes of associated data.
    private static final int KDF_INPUT_BYTES = 69;
    private static final int AAD_BYTES = 35;
    // Each code has its own AES key; cycling through many keeps key expansion in the measurement and keeps
    // the JDK's refusal to encrypt twice under one key and IV out of it.
    private static final int KEYS = 1024;

    private CodeFixture keys;
    private MessageDigest sha256;
    private Cipher gcm;
    private byte[] kdfInput;
    private byte[] aad;
    private byte[][] aesKeys;
    private GCMParameterSpec ivSpec;
    private int nextKey;
    private byte[] oneBlockMacInput;

    @Setup
    public void setUp() throws GeneralSecurityException {
        keys = CodeFixture.generate();
        sha256 = MessageDigest.getInstance("SHA-256");
        gcm = Cipher.getInstance("AES/GCM/NoPadding");
        Random random = new Random(1);
        kdfInput = new byte[KDF_INPUT_BYTES];
        random.nextBytes(kdfInput);
        aad = new byte[AAD_BYTES];
        random.nextBytes(aad);
        aesKeys = new byte[KEYS][16];
        for (byte[] key : aesKeys) {
            random.nextBytes(key);
        }
        ivSpec = new GCMParameterSpec(128, new byte[12]);
        oneBlockMacInput = new byte[4];
    }

    /** One static ECDH agreement on P-256, as {@link CodeKey#agree} makes it: once per supplier and meter. */
    @Benchmark
    public byte[] ecdhAgreement() throws GeneralSecurityException {
        KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
        ecdh.init(keys.supplier.getPrivate());
        ecdh.doPhase(keys.meter.getPublic(), true);
        return ecdh.generateSecret();
    }

    /** The GBCS KDF's one SHA-256, on a reused digest. */
    @Benchmark
    public byte[] sha256() {
        sha256.update(kdfInput);
        return sha256.digest();
    }

    /** An AES-128-GCM tag over the associated data with empty plaintext, under a new key, on a reused Cipher. */
    @Benchmark
    public byte[] aesGcmTag() throws GeneralSecurityException {
        nextKey = (nextKey + 1) % KEYS;
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKeys[nextKey], "AES"), ivSpec);
        gcm.updateAAD(aad);
        return gcm.doFinal();
    }

    /**
     * The same code's MAC computed twice running on one thread, as when the CLI demo issues a code and enters it,
     * or a meter is given again the code it has just taken: the JDK refuses the repeated key and IV, so
     * {@link CodeKey} pays for an exception and a new Cipher.
     */
    @Benchmark
    public int kdfAndGcmTagRepeated() {
        return keys.issuing.mac(1, oneBlockMacInput);
    }

    /** A new AES-GCM Cipher: what {@link CodeKey} avoids per code by keeping one per thread. */
    @Benchmark
    public Cipher gcmGetInstance() throws GeneralSecurityException {
        return Cipher.getInstance("AES/GCM/NoPadding");
    }
}
