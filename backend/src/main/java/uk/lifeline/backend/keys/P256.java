package uk.lifeline.backend.keys;

import java.math.BigInteger;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * The two P-256 operations the backend does in bulk, with Bouncy Castle's P-256 arithmetic on one set of domain
 * parameters: ES256 signatures as JWS writes them (R || S, 32 bytes each, deterministic nonces per RFC 6979, so no
 * random source is read) and ECDH agreements (the shared secret Z, the x coordinate, 32 bytes, as the JDK's
 * {@code KeyAgreement("ECDH")} gives it).
 *
 * <p>Why not the JCA: given a JDK key, Bouncy Castle's JCA layer converts the curve's parameters afresh for every
 * signature, so the generator point is a new object each time and the fixed-point comb table Bouncy Castle keeps
 * on it is rebuilt for every signature: 63% of the signing CPU in a campaign's JFR profile. Here one generator
 * point serves every signature, so its table is built once: about 100 us of CPU per signature against 570 for
 * the JDK's ECDSA, and about 175 us per agreement against 1,000 for the JDK's ECDH (docs/performance.md,
 * "Campaigns (delivery)"). Stateless and thread-safe.
 */
public final class P256 {

    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN =
            new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH());
    private static final int SIZE = 32;

    private P256() {}

    /**
     * An ES256 signature of {@code input}: SHA-256, then ECDSA, as R || S.
     *
     * @throws IllegalArgumentException for a key that is not a P-256 key
     */
    public static byte[] sign(ECPrivateKey key, byte[] input) {
        SHA256Digest sha = new SHA256Digest();
        sha.update(input, 0, input.length);
        byte[] hash = new byte[sha.getDigestSize()];
        sha.doFinal(hash, 0);
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, privateKey(key));
        BigInteger[] rs = signer.generateSignature(hash);
        byte[] out = new byte[2 * SIZE];
        BigIntegers.asUnsignedByteArray(rs[0], out, 0, SIZE);
        BigIntegers.asUnsignedByteArray(rs[1], out, SIZE, SIZE);
        return out;
    }

    /**
     * The ECDH shared secret of {@code own} and {@code peer}.
     *
     * @throws IllegalArgumentException for a key that is not a P-256 key, or a public point not on the curve
     */
    public static byte[] agree(ECPrivateKey own, ECPublicKey peer) {
        check(peer.getParams().getOrder());
        ECPoint point = DOMAIN.getCurve()
                .validatePoint(peer.getW().getAffineX(), peer.getW().getAffineY());
        ECDHBasicAgreement agreement = new ECDHBasicAgreement();
        agreement.init(privateKey(own));
        return BigIntegers.asUnsignedByteArray(
                SIZE, agreement.calculateAgreement(new ECPublicKeyParameters(point, DOMAIN)));
    }

    private static ECPrivateKeyParameters privateKey(ECPrivateKey key) {
        check(key.getParams().getOrder());
        return new ECPrivateKeyParameters(key.getS(), DOMAIN);
    }

    private static void check(BigInteger order) {
        if (order.compareTo(DOMAIN.getN()) != 0) {
            throw new IllegalArgumentException("not a P-256 key");
        }
    }
}
