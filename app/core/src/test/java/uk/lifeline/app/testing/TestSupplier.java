package uk.lifeline.app.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import uk.lifeline.app.supplier.SupplierDirectory;
import uk.lifeline.app.trust.EnvelopeVerifier;
import uk.lifeline.app.trust.Recipient;
import uk.lifeline.app.trust.SupplierKeys;
import uk.lifeline.app.trust.TrustAnchor;
import uk.lifeline.code.CodeEncoder;
import uk.lifeline.code.CodeKey;
import uk.lifeline.code.CommandCode;
import uk.lifeline.code.Eui64;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.envelope.BatchEnvelope;
import uk.lifeline.envelope.MerkleTree;

/**
 * A supplier for tests, signing envelopes exactly as the backend's {@code issuing/Envelopes} does: real codes
 * (made with shared's encoder for a test meter), ES256 under a key whose kid names the supplier, the same
 * claims. Also makes the wrong things a forger would send. Not thread-safe.
 */
public final class TestSupplier {

    public static final String SUPPLIER = "demo-energy";
    public static final String CUSTOMER = "5f0c6f64-8a3c-4f5e-9f0e-2b7d0c1e4a11";
    public static final String METER = "0011223344556677";
    public static final String ORIGINATOR = "90B3D51F30010000";

    private final CodeKey codeKey;
    /** The supplier's trust anchor: bundled in the app (public part), signs the envelope key set. */
    private final ECKey anchorKey = newKey(SUPPLIER + "-20260101-a0a0a0a0");

    private ECKey signingKey;
    private final List<ECKey> published = new ArrayList<>();
    private Instant now = Instant.parse("2026-12-01T09:00:00Z");

    public TestSupplier() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair supplierKa = generator.generateKeyPair();
            KeyPair meterKa = generator.generateKeyPair();
            codeKey = CodeKey.agree(
                    supplierKa.getPrivate(), meterKa.getPublic(), Eui64.parse(ORIGINATOR), Eui64.parse(METER));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        signingKey = newKey(SUPPLIER + "-20260101-0a1b2c3d");
        published.add(signingKey);
    }

    public static Recipient recipient() {
        return new Recipient(SUPPLIER, CUSTOMER);
    }

    public Instant now() {
        return now;
    }

    public TestSupplier at(Instant instant) {
        now = instant;
        return this;
    }

    /** A new envelope key, published beside the old one (the old one stays for envelopes already sent). */
    public ECKey rotate(String kid) {
        signingKey = newKey(kid);
        published.add(signingKey);
        return signingKey;
    }

    /** The envelope key set signed by the supplier's anchor, as {@code /.well-known/lifeline/keys/...} serves it. */
    public String keySet() {
        return keySet(anchorKey, now, now.plus(Duration.ofDays(30)));
    }

    /** The published envelope keys signed by any anchor, at any time: also what a rogue or stale server sends. */
    public String keySet(ECKey anchor, Instant issued, Instant expires) {
        List<Object> keys = new ArrayList<>();
        for (ECKey key : published) {
            keys.add(key.toPublicJWK().toJSONObject());
        }
        return sign(
                new JWTClaimsSet.Builder()
                        .issuer(SUPPLIER)
                        .issueTime(Date.from(issued))
                        .expirationTime(Date.from(expires))
                        .claim("keys", keys)
                        .build(),
                anchor,
                TrustAnchor.KEY_SET_TYPE);
    }

    /** The plain JWK set with no anchor's signature: what the backend served before trust anchors. */
    public String unsignedJwks() {
        return new JWKSet(new ArrayList<com.nimbusds.jose.jwk.JWK>(published))
                .toPublicJWKSet()
                .toString();
    }

    /** The supplier's current envelope key, private half included. */
    public ECKey signingKey() {
        return signingKey;
    }

    public ECKey anchorKey() {
        return anchorKey;
    }

    /** The anchor as the app bundles it: the public key only. */
    public TrustAnchor anchor() {
        return new TrustAnchor(SUPPLIER, List.of(anchorKey.toPublicJWK()));
    }

    /** Keys checked under this supplier's anchor, fetched from {@code source}. */
    public SupplierKeys keys(SupplierKeys.Source source, SupplierKeys.Cache cache, java.time.Clock clock) {
        return new SupplierKeys(source, cache, clock, anchor());
    }

    /** The supplier's signed configuration line, as the build bundles it, for a service at {@code service}. */
    /**
     * Keypad guides this supplier's configuration carries from now on ({@code {model, en, cy}} each): test words
     * for made-up models, never a real device's.
     */
    public void keypads(java.util.List<java.util.Map<String, Object>> guides) {
        keypads = guides;
    }

    private java.util.List<java.util.Map<String, Object>> keypads = null;

    /** One keypad guide as the configuration carries it; test words for made-up models. */
    public static java.util.Map<String, Object> keypadGuide(String model, String en, String cy) {
        java.util.Map<String, Object> guide = new java.util.LinkedHashMap<>();
        guide.put("model", model);
        guide.put("en", en);
        guide.put("cy", cy);
        return guide;
    }

    public String configLine(String service) {
        return configLine(SUPPLIER, "Demo Energy", service, anchorKey, keypads);
    }

    public static String configLine(String code, String name, String service, ECKey anchor) {
        return configLine(code, name, service, anchor, null);
    }

    public static String configLine(
            String code,
            String name,
            String service,
            ECKey anchor,
            java.util.List<java.util.Map<String, Object>> keypads) {
        java.util.Map<String, Object> phones = new java.util.LinkedHashMap<>();
        phones.put("support", "0800 123 4567");
        phones.put("offSupply", "0800 123 4000");
        java.util.Map<String, Object> hours = new java.util.LinkedHashMap<>();
        hours.put("en", "Monday to Friday 8am to 8pm, Saturday 9am to 1pm");
        hours.put("cy", "Dydd Llun i ddydd Gwener 8am i 8pm, dydd Sadwrn 9am i 1pm");
        return sign(
                new JWTClaimsSet.Builder()
                        .subject(code)
                        .issueTime(new Date())
                        .claim("name", name)
                        .claim("service", service)
                        .claim("phones", phones)
                        .claim("hours", hours)
                        .claim("anchors", new JWKSet(anchor.toPublicJWK()).toJSONObject(true))
                        .claim("keypads", keypads)
                        .build(),
                anchor,
                SupplierDirectory.CONFIG_TYPE);
    }

    public SupplierDirectory directory(String service) {
        return SupplierDirectory.parse(configLine(service), true);
    }

    public CommandCode code(MeterCommand command, long counter) {
        return CodeEncoder.encode(command, counter, codeKey);
    }

    /** The claims the backend signs for a code issued now, valid for 30 days. */
    public JWTClaimsSet.Builder claims(MeterCommand command, long counter) {
        CommandCode code = code(command, counter);
        return new JWTClaimsSet.Builder()
                .issuer(SUPPLIER)
                .jwtID(UUID.randomUUID().toString())
                .subject(METER)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofDays(30))))
                .claim("customer", CUSTOMER)
                .claim("originator", ORIGINATOR)
                .claim("command", command.type().commandName())
                .claim("parameters", command.parameters())
                .claim("counter", counter)
                .claim("blocks", code.blocks())
                .claim("status", "ISSUED");
    }

    public String envelope(MeterCommand command, long counter) {
        return sign(claims(command, counter).build());
    }

    public String sign(JWTClaimsSet claims) {
        return sign(claims, signingKey, EnvelopeVerifier.CODE_TYPE);
    }

    /** Signs anything with any key: what a forger (or a mix-up) would produce. */
    public static String sign(JWTClaimsSet claims, ECKey key, String type) {
        SignedJWT jws = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(key.getKeyID())
                        .type(type == null ? null : new JOSEObjectType(type))
                        .build(),
                claims);
        try {
            jws.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jws.serialize();
    }

    /**
     * Envelopes signed together, as the backend signs a batch or a campaign page: each leaf's facts under the given
     * type, one ES256 signature over the Merkle root, {@code root} claims as given (the genuine ones if null).
     */
    public List<String> batch(String type, List<JWTClaimsSet> facts, ECKey key, JWTClaimsSet root) {
        List<String> leaves = new ArrayList<>();
        for (JWTClaimsSet f : facts) {
            leaves.add(BatchEnvelope.leaf(type, f.toString()));
        }
        MerkleTree tree =
                MerkleTree.of(leaves.stream().map(BatchEnvelope::leafHash).toList());
        JWTClaimsSet signed = root != null
                ? root
                : new JWTClaimsSet.Builder()
                        .issuer(SUPPLIER)
                        .claim("size", tree.size())
                        .claim("root", Base64.getUrlEncoder().withoutPadding().encodeToString(tree.root()))
                        .build();
        String jws = sign(signed, key, BatchEnvelope.BATCH_TYPE);
        List<String> envelopes = new ArrayList<>();
        for (int i = 0; i < leaves.size(); i++) {
            envelopes.add(BatchEnvelope.join(leaves.get(i), i, tree.path(i), jws));
        }
        return envelopes;
    }

    public List<String> batch(String type, List<JWTClaimsSet> facts) {
        return batch(type, facts, signingKey, null);
    }

    /** A notice of emergency non-disconnect from {@code from} until {@code until}. */
    public String notice(Instant from, Instant until) {
        return sign(noticeFacts(from, until), signingKey, EnvelopeVerifier.NOTICE_TYPE);
    }

    public JWTClaimsSet noticeFacts(Instant from, Instant until) {
        return new JWTClaimsSet.Builder()
                .issuer(SUPPLIER)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(until))
                .claim("customer", CUSTOMER)
                .claim("kind", "non-disconnect")
                .claim("from", from.getEpochSecond())
                .claim("until", until.getEpochSecond())
                .claim("title", "Cold weather")
                .claim("message", "Very cold weather is forecast.")
                .build();
    }

    /** The code id ({@code jti}) an envelope was signed with. */
    public static String idOf(String envelope) {
        try {
            java.util.Optional<BatchEnvelope> batch = BatchEnvelope.parse(envelope);
            if (batch.isPresent()) {
                return JWTClaimsSet.parse(batch.get().claimsJson()).getJWTID();
            }
            return SignedJWT.parse(envelope).getJWTClaimsSet().getJWTID();
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static ECKey newKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
