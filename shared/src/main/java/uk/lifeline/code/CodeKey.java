package uk.lifeline.code;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret one supplier shares with one meter, and the MAC it makes. Immutable and thread-safe.
 *
 * <p>The shared secret Z comes from one static ECDH agreement on P-256: the supplier's prepayment top-up
 * key-agreement private key with the device's key-agreement public key, or (on the meter) the device's private
 * key with the supplier's public key. The agreement is the costly step (about a millisecond, against about a
 * microsecond for a MAC), so a {@code CodeKey} is made once per supplier-meter pair and kept: the backend caches
 * it per device, the reference meter holds it for as long as it runs. Everything after it is per code: the GBCS KDF gives a fresh AES-128 key
 * for each originator counter, and the MAC is the last four bytes of the AES-GCM tag over the code's
 * associated data, with empty plaintext.
 */
public final class CodeKey {

    // GBCS KDF OtherInfo: AlgorithmID for the 'command' key (a UTRN counts as a command to the meter).
    private static final byte[] ALGORITHM_ID = {0x60, (byte) 0x85, 0x74, 0x06, 0x08, 0x03, 0x00};
    private static final byte[] COMMAND_KEY_TYPE = {0x09, 0x01};
    // Associated data starts with the GBCS security control byte and five zero bytes.
    private static final byte[] AAD_HEADER = {0x11, 0, 0, 0, 0, 0};
    private static final byte AAD_COUNTER_MARKER = 0x01;
    private static final int TAG_BITS = 128;

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> newInstance("SHA-256"));
    private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(CodeKey::newGcm);

    private final Eui64 originator;
    private final Eui64 device;
    private final byte[] sharedSecret;
    private final byte[] iv;

    private CodeKey(Eui64 originator, Eui64 device, byte[] sharedSecret) {
        this.originator = originator;
        this.device = device;
        this.sharedSecret = sharedSecret;
        this.iv = new byte[12];
        Bits.putLong(iv, 0, originator.value());
    }

    /**
     * Runs the static ECDH agreement once. {@code ownPrivate} is the supplier's prepayment key-agreement private
     * key (issuing) or the device's key-agreement private key (decoding); {@code peerPublic} is the other side's
     * public key.
     *
     * @throws InvalidKeyException if either key is not a P-256 key the agreement accepts
     */
    public static CodeKey agree(PrivateKey ownPrivate, PublicKey peerPublic, Eui64 originator, Eui64 device)
            throws InvalidKeyException {
        requireP256(ownPrivate, "own private key");
        requireP256(peerPublic, "peer public key");
        try {
            KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
            ecdh.init(ownPrivate);
            ecdh.doPhase(peerPublic, true);
            return new CodeKey(originator, device, ecdh.generateSecret());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no ECDH", e);
        }
    }

    // GBCS fixes the curve: any other would give a shared secret of another length and codes no meter accepts.
    private static void requireP256(java.security.Key key, String which) throws InvalidKeyException {
        if (!(key instanceof java.security.interfaces.ECKey)
                || ((java.security.interfaces.ECKey) key)
                                .getParams()
                                .getCurve()
                                .getField()
                                .getFieldSize()
                        != 256
                || ((java.security.interfaces.ECKey) key).getParams().getCofactor() != 1) {
            throw new InvalidKeyException(which + " must be an elliptic-curve key on P-256 (secp256r1)");
        }
    }

    /**
     * A key from a shared secret Z agreed earlier (by {@link #agree}, or the same ECDH elsewhere) and kept: a
     * supplier that keeps each meter's Z (wrapped) need not repeat the costly agreement for every bulk issue.
     *
     * @param sharedSecret the 32-byte ECDH shared secret; copied
     * @throws IllegalArgumentException if it is not 32 bytes
     */
    public static CodeKey fromSharedSecret(byte[] sharedSecret, Eui64 originator, Eui64 device) {
        if (sharedSecret == null || sharedSecret.length != 32) {
            throw new IllegalArgumentException("a P-256 ECDH shared secret is 32 bytes");
        }
        return new CodeKey(originator, device, sharedSecret.clone());
    }

    public Eui64 originator() {
        return originator;
    }

    public Eui64 device() {
        return device;
    }

    /**
     * The 32-bit MAC of a code.
     *
     * @param utrnCounter the UTRN counter (the originator counter's high 32 bits)
     * @param macInput every PTUT bit of the code before the MAC, big-endian: for a one-block code the PTUT's
     *     high four bytes, for a chained code the full eight bytes of each earlier block then the last block's
     *     high four bytes
     */
    public int mac(long utrnCounter, byte[] macInput) {
        // Counter 2^32 + k would shift to counter k's key and associated data: never let it wrap.
        if (utrnCounter < 1 || utrnCounter > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("UTRN counter " + utrnCounter + " is out of range: 1 to 4294967295");
        }
        long originatorCounter = utrnCounter << 32;
        byte[] aad = new byte[AAD_HEADER.length + 8 + 8 + 1 + 8 + macInput.length];
        int at = 0;
        System.arraycopy(AAD_HEADER, 0, aad, at, AAD_HEADER.length);
        at += AAD_HEADER.length;
        Bits.putLong(aad, at, originator.value());
        Bits.putLong(aad, at + 8, device.value());
        aad[at + 16] = AAD_COUNTER_MARKER;
        Bits.putLong(aad, at + 17, originatorCounter);
        System.arraycopy(macInput, 0, aad, at + 25, macInput.length);

        byte[] tag = gcmTag(deriveKey(originatorCounter), aad);
        return ((tag[12] & 0xff) << 24) | ((tag[13] & 0xff) << 16) | ((tag[14] & 0xff) << 8) | (tag[15] & 0xff);
    }

    // GBCS KDF (NIST SP 800-56A concatenation KDF, one SHA-256 round): key = first 16 bytes of
    // SHA-256(00000001 || Z || OtherInfo), OtherInfo = AlgorithmID || originator || 09 01 || counter || device.
    private byte[] deriveKey(long originatorCounter) {
        MessageDigest sha = SHA256.get();
        sha.update(new byte[] {0, 0, 0, 1});
        sha.update(sharedSecret);
        sha.update(ALGORITHM_ID);
        byte[] ids = new byte[8 + 2 + 8 + 8];
        Bits.putLong(ids, 0, originator.value());
        System.arraycopy(COMMAND_KEY_TYPE, 0, ids, 8, 2);
        Bits.putLong(ids, 10, originatorCounter);
        Bits.putLong(ids, 18, device.value());
        sha.update(ids);
        return Arrays.copyOf(sha.digest(), 16);
    }

    private byte[] gcmTag(byte[] key, byte[] aad) {
        SecretKeySpec aesKey = new SecretKeySpec(key, "AES");
        GCMParameterSpec spec = new GCMParameterSpec(TAG_BITS, iv);
        Cipher cipher = GCM.get();
        try {
            try {
                cipher.init(Cipher.ENCRYPT_MODE, aesKey, spec);
            } catch (java.security.InvalidAlgorithmParameterException sameKeyAndIv) {
                // The JDK refuses to encrypt twice in a row under one key and IV (a guard against keystream
                // reuse that cannot apply to an empty plaintext); this happens when the same code is computed
                // twice on one thread. A fresh Cipher has no memory of the last one.
                cipher = newGcm();
                GCM.set(cipher);
                cipher.init(Cipher.ENCRYPT_MODE, aesKey, spec);
            }
            cipher.updateAAD(aad);
            return cipher.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed on a well-formed key and IV", e);
        }
    }

    private static Cipher newGcm() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime has no AES-GCM", e);
        }
    }

    private static MessageDigest newInstance(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no " + algorithm, e);
        }
    }

    @Override
    public String toString() {
        // Never print the shared secret.
        return "CodeKey[originator=" + originator + ", device=" + device + "]";
    }
}
