package uk.lifeline.app.trust;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import uk.lifeline.code.CodeDigits;
import uk.lifeline.code.CodeLayout;
import uk.lifeline.code.Ptut;
import uk.lifeline.command.CommandType;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.command.Parameters;
import uk.lifeline.envelope.BatchEnvelope;

/**
 * Checks an envelope before anything in it reaches the customer: a compact JWS, ES256 only, of the envelope's
 * type, signed under a key the recipient's supplier owns, with a valid signature (or, for an envelope signed in a
 * batch, its facts with a path to a batch root signed so: {@link BatchEnvelope}), for this supplier and customer
 * account, and whose digits carry exactly the command it states (check digit, block count, sub class, counter,
 * and the parameters decoded from the digits), so the words the customer reads are what the meter will do. The
 * claim names are the backend's ({@code backend/.../issuing/Envelopes.java}); docs/app-protocol.md lists them.
 * Thread-safe.
 */
public final class EnvelopeVerifier {

    /** The JWS {@code typ} of a code envelope. */
    public static final String CODE_TYPE = "lifeline-code+jwt";
    /** The JWS {@code typ} of a notice envelope. */
    public static final String NOTICE_TYPE = "lifeline-notice+jwt";

    private final SupplierKeys keys;

    public EnvelopeVerifier(SupplierKeys keys) {
        this.keys = keys;
    }

    /**
     * @throws UntrustedEnvelopeException for any envelope that fails a check
     * @throws SupplierKeys.UnavailableException when the key cannot be had now: try again when online
     */
    public SignedCode verifyCode(String envelope, Recipient recipient) throws SupplierKeys.UnavailableException {
        Verified v = verify(envelope, CODE_TYPE, recipient);
        JWTClaimsSet claims = v.claims;
        try {
            MeterCommand command = command(claims.getStringClaim("command"), claims.getJSONObjectClaim("parameters"));
            Long counter = claims.getLongClaim("counter");
            List<String> blocks = claims.getStringListClaim("blocks");
            String meter = claims.getSubject();
            if (counter == null || blocks == null || meter == null || !meter.matches("[0-9A-Fa-f]{16}")) {
                throw malformed(envelope, "counter, blocks and a 16-hex-digit meter id (sub) are required");
            }
            checkDigits(envelope, command, counter, blocks);
            return new SignedCode(
                    v.id,
                    v.supplier,
                    meter,
                    v.customer,
                    command,
                    counter,
                    blocks,
                    instant(envelope, claims.getIssueTime(), "iat"),
                    instant(envelope, claims.getExpirationTime(), "exp"),
                    v.keyId,
                    envelope);
        } catch (UntrustedEnvelopeException e) {
            throw e;
        } catch (ParseException | IllegalArgumentException e) {
            // A claim of the wrong type, or a command or parameter the shared code format refuses.
            throw new UntrustedEnvelopeException(EnvelopeProblem.MALFORMED, envelope, e.getMessage(), e);
        }
    }

    /**
     * @throws UntrustedEnvelopeException for any envelope that fails a check
     * @throws SupplierKeys.UnavailableException when the key cannot be had now: try again when online
     */
    public SignedNotice verifyNotice(String envelope, Recipient recipient) throws SupplierKeys.UnavailableException {
        Verified v = verify(envelope, NOTICE_TYPE, recipient);
        try {
            String kind = v.claims.getStringClaim("kind");
            if (!SignedNotice.NON_DISCONNECT.equals(kind)) {
                throw malformed(envelope, "unknown notice kind " + kind);
            }
            Instant from = instant(envelope, v.claims.getDateClaim("from"), "from");
            Instant until = instant(envelope, v.claims.getDateClaim("until"), "until");
            if (!until.isAfter(from)) {
                throw malformed(envelope, "until must be after from");
            }
            return new SignedNotice(
                    v.id, v.supplier, v.customer, kind, from, until, v.claims.getStringClaim("message"), envelope);
        } catch (ParseException e) {
            throw new UntrustedEnvelopeException(EnvelopeProblem.MALFORMED, envelope, e.getMessage(), e);
        }
    }

    private record Verified(JWTClaimsSet claims, String id, String supplier, String customer, String keyId) {}

    private Verified verify(String envelope, String type, Recipient recipient)
            throws SupplierKeys.UnavailableException {
        Optional<BatchEnvelope> batch;
        try {
            batch = BatchEnvelope.parse(envelope);
        } catch (IllegalArgumentException e) {
            throw new UntrustedEnvelopeException(EnvelopeProblem.MALFORMED, envelope, e.getMessage(), e);
        }
        return batch.isPresent()
                ? verifyInBatch(envelope, batch.get(), type, recipient)
                : verifySingle(envelope, type, recipient);
    }

    /** The form signed before batches: one compact JWS per envelope. */
    private Verified verifySingle(String envelope, String type, Recipient recipient)
            throws SupplierKeys.UnavailableException {
        SignedJWT jws = parse(envelope, envelope);
        String kid = checkSignature(envelope, jws, type, recipient);
        return facts(envelope, claims(envelope, jws), recipient, kid);
    }

    /**
     * An envelope signed with others: the batch's root is a JWS like a single envelope's, of type {@value
     * BatchEnvelope#BATCH_TYPE}, for this supplier; the leaf's own header names the envelope's type, and its path must
     * lead to the signed root, so no fact of it can change without breaking the signature.
     */
    private Verified verifyInBatch(String envelope, BatchEnvelope batch, String type, Recipient recipient)
            throws SupplierKeys.UnavailableException {
        SignedJWT root = parse(envelope, batch.batch());
        String kid = checkSignature(envelope, root, BatchEnvelope.BATCH_TYPE, recipient);
        JWTClaimsSet signed = claims(envelope, root);
        byte[] rootHash;
        int size;
        try {
            Long leaves = signed.getLongClaim("size");
            String hash = signed.getStringClaim("root");
            if (leaves == null || leaves < 1 || leaves > Integer.MAX_VALUE || hash == null) {
                throw malformed(envelope, "a batch names its size and root");
            }
            size = leaves.intValue();
            rootHash = Base64.getUrlDecoder().decode(hash);
        } catch (ParseException | IllegalArgumentException e) {
            throw new UntrustedEnvelopeException(EnvelopeProblem.MALFORMED, envelope, e.getMessage(), e);
        }
        if (!recipient.supplier().equals(signed.getIssuer())) {
            throw new UntrustedEnvelopeException(
                    EnvelopeProblem.NOT_FOR_THIS_ACCOUNT, envelope, "a batch of " + signed.getIssuer());
        }
        if (!batch.isInTree(rootHash, size)) {
            throw new UntrustedEnvelopeException(
                    EnvelopeProblem.BAD_SIGNATURE, envelope, "the facts are not in the batch key " + kid + " signed");
        }
        Map<String, Object> header;
        JWTClaimsSet claims;
        try {
            header = JSONObjectUtils.parse(batch.headerJson());
            claims = JWTClaimsSet.parse(batch.claimsJson());
        } catch (ParseException | IllegalArgumentException e) {
            throw new UntrustedEnvelopeException(EnvelopeProblem.MALFORMED, envelope, "facts not JSON", e);
        }
        if (!type.equals(header.get("typ"))) {
            throw new UntrustedEnvelopeException(
                    EnvelopeProblem.WRONG_TYPE, envelope, "type " + header.get("typ") + ", expected " + type);
        }
        return facts(envelope, claims, recipient, kid);
    }

    private static SignedJWT parse(String envelope, String jws) {
        try {
            return SignedJWT.parse(jws);
        } catch (ParseException | NullPointerException e) {
            throw new UntrustedEnvelopeException(EnvelopeProblem.MALFORMED, envelope, "not a compact JWS", e);
        }
    }

    private static JWTClaimsSet claims(String envelope, SignedJWT jws) {
        try {
            return jws.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new UntrustedEnvelopeException(EnvelopeProblem.MALFORMED, envelope, "not a compact JWS", e);
        }
    }

    /** ES256 only, of the type, under a key the recipient's supplier owns and its signed key set holds. */
    private String checkSignature(String envelope, SignedJWT jws, String type, Recipient recipient)
            throws SupplierKeys.UnavailableException {
        JWSHeader header = jws.getHeader();
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
            throw new UntrustedEnvelopeException(
                    EnvelopeProblem.WRONG_ALGORITHM,
                    envelope,
                    "algorithm " + header.getAlgorithm() + ", expected ES256");
        }
        if (!new JOSEObjectType(type).equals(header.getType())) {
            throw new UntrustedEnvelopeException(
                    EnvelopeProblem.WRONG_TYPE, envelope, "type " + header.getType() + ", expected " + type);
        }
        String kid = header.getKeyID();
        if (!recipient.supplier().equals(KeyIds.owner(kid))) {
            throw new UntrustedEnvelopeException(
                    EnvelopeProblem.WRONG_KEY_OWNER,
                    envelope,
                    "key " + kid + " is not a key of " + recipient.supplier());
        }
        ECKey key;
        try {
            key = keys.find(kid);
        } catch (TrustAnchor.RefusedKeySetException e) {
            throw new UntrustedEnvelopeException(EnvelopeProblem.UNTRUSTED_KEY_SET, envelope, e.getMessage(), e);
        }
        if (key == null) {
            throw new UntrustedEnvelopeException(EnvelopeProblem.UNKNOWN_KEY, envelope, "no key " + kid);
        }
        try {
            if (!jws.verify(new ECDSAVerifier(key))) {
                throw new UntrustedEnvelopeException(
                        EnvelopeProblem.BAD_SIGNATURE, envelope, "signature does not match key " + kid);
            }
        } catch (JOSEException e) {
            throw new UntrustedEnvelopeException(EnvelopeProblem.BAD_SIGNATURE, envelope, e.getMessage(), e);
        }
        return kid;
    }

    /** The facts every envelope states: its id, and that it is for this supplier and customer account. */
    private static Verified facts(String envelope, JWTClaimsSet claims, Recipient recipient, String kid) {
        String id = claims.getJWTID();
        String customer;
        try {
            customer = claims.getStringClaim("customer");
        } catch (ParseException e) {
            throw new UntrustedEnvelopeException(EnvelopeProblem.MALFORMED, envelope, e.getMessage(), e);
        }
        if (id == null || !isUuid(id)) {
            throw malformed(envelope, "jti must be the code's id (a UUID)");
        }
        if (!recipient.supplier().equals(claims.getIssuer())
                || !recipient.customerId().equals(customer)) {
            throw new UntrustedEnvelopeException(
                    EnvelopeProblem.NOT_FOR_THIS_ACCOUNT, envelope, "for " + claims.getIssuer() + "/" + customer);
        }
        return new Verified(claims, id, claims.getIssuer(), customer, kid);
    }

    private static MeterCommand command(String name, Map<String, Object> parameters) {
        if (name == null || parameters == null) {
            throw new IllegalArgumentException("command and parameters are required");
        }
        Map<String, String> text = new LinkedHashMap<>();
        for (Map.Entry<String, Object> p : parameters.entrySet()) {
            if (!(p.getValue() instanceof String)) {
                throw new IllegalArgumentException("parameter " + p.getKey() + " is not text");
            }
            text.put(p.getKey(), (String) p.getValue());
        }
        return MeterCommand.parse(name, Parameters.of(text));
    }

    /** The digits must be the code the facts describe, so the words shown match what the meter will do. */
    private static void checkDigits(String envelope, MeterCommand command, long counter, List<String> blocks) {
        CommandType type = command.type();
        if (blocks.size() != type.blocks()) {
            throw mismatch(envelope, type.commandName() + " has " + type.blocks() + " blocks, not " + blocks.size());
        }
        long[] ptuts = new long[blocks.size()];
        for (int i = 0; i < blocks.size(); i++) {
            String block = blocks.get(i);
            if (CodeDigits.fault(block).isPresent()) {
                throw mismatch(envelope, "block " + (i + 1) + " is not 20 digits with a good check digit");
            }
            ptuts[i] = Ptut.fromCheckedDigits(block);
            if (ptuts[i] < 0
                    || CodeLayout.subclass(ptuts[i]) != type.subclass()
                    || CodeLayout.counterBits(ptuts[i]) != (counter & ((1L << CodeLayout.COUNTER_BITS) - 1))
                    || (blocks.size() > 1 && CodeLayout.index(ptuts[i]) != i)) {
                throw mismatch(
                        envelope,
                        "block " + (i + 1) + " is not block " + (i + 1) + " of a " + type.commandName()
                                + " code with counter " + counter);
            }
        }
        MeterCommand carried;
        try {
            carried = CodeLayout.command(type, ptuts);
        } catch (IllegalArgumentException e) {
            throw mismatch(envelope, "the digits carry no valid " + type.commandName() + ": " + e.getMessage());
        }
        if (!carried.equals(command)) {
            throw mismatch(
                    envelope, "the digits carry " + carried.parameters() + ", the words say " + command.parameters());
        }
    }

    private static Instant instant(String envelope, Date date, String claim) {
        if (date == null) {
            throw malformed(envelope, claim + " is required");
        }
        return date.toInstant();
    }

    private static boolean isUuid(String text) {
        try {
            return UUID.fromString(text).toString().equalsIgnoreCase(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static UntrustedEnvelopeException malformed(String envelope, String detail) {
        return new UntrustedEnvelopeException(EnvelopeProblem.MALFORMED, envelope, detail);
    }

    private static UntrustedEnvelopeException mismatch(String envelope, String detail) {
        return new UntrustedEnvelopeException(EnvelopeProblem.DIGITS_DO_NOT_MATCH, envelope, detail);
    }
}
