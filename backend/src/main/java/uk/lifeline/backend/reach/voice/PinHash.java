package uk.lifeline.backend.reach.voice;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PINs for the inbound line: the one rule for what a PIN may be, and PBKDF2-HMAC-SHA256 (the JDK's) with a salt
 * of its own for how it is kept. The lockout after a few wrong PINs is what protects so small a space; the hash
 * keeps a stolen table from giving PINs away at once. Stateless.
 */
final class PinHash {

    static final int ITERATIONS = 100_000;
    private static final Pattern PIN = Pattern.compile("[0-9]{4,6}");
    private static final SecureRandom RANDOM = new SecureRandom();

    record Hashed(byte[] salt, byte[] hash, int iterations) {}

    private PinHash() {}

    /** Why this PIN cannot be used, or null if it can. */
    static String fault(String pin) {
        if (pin == null || !PIN.matcher(pin).matches()) {
            return "4 to 6 digits";
        }
        boolean same = true;
        boolean up = true;
        boolean down = true;
        for (int i = 1; i < pin.length(); i++) {
            int step = pin.charAt(i) - pin.charAt(i - 1);
            same &= step == 0;
            up &= step == 1;
            down &= step == -1;
        }
        return same || up || down ? "too easy to guess (one digit repeated, or a run such as 1234)" : null;
    }

    /** True if the text could be a PIN at all (what a caller keyed). */
    static boolean wellFormed(String pin) {
        return pin != null && PIN.matcher(pin).matches();
    }

    static Hashed hash(String pin) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new Hashed(salt, derive(pin, salt, ITERATIONS), ITERATIONS);
    }

    static boolean matches(String pin, byte[] salt, byte[] hash, int iterations) {
        return wellFormed(pin) && MessageDigest.isEqual(derive(pin, salt, iterations), hash);
    }

    private static byte[] derive(String pin, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(pin.toCharArray(), salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
