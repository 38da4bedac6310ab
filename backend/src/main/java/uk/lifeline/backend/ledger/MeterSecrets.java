package uk.lifeline.backend.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import uk.lifeline.backend.database.Rows;
import uk.lifeline.backend.delivery.RestGate;
import uk.lifeline.backend.keys.EcKeyPair;
import uk.lifeline.backend.keys.KeyPurpose;
import uk.lifeline.backend.keys.KeyRing;
import uk.lifeline.backend.keys.P256;
import uk.lifeline.backend.tenant.Supplier;
import uk.lifeline.backend.tenant.Suppliers;
import uk.lifeline.code.CodeKey;
import uk.lifeline.code.Eui64;
import uk.lifeline.code.Pem;

/**
 * Each meter's ECDH shared secret with its supplier's current prepayment key, derived once and kept in
 * {@code meter_secret} wrapped with AES-256-GCM under a key derived from that same private key, so bulk issuing
 * unwraps (microseconds) instead of agreeing (milliseconds). The associated data binds a wrapped secret to the
 * supplier, its key id, the meter and a hash of the meter's public key: a re-keyed meter's old secret fails to
 * unwrap and is derived afresh. Secrets are derived ahead ({@link #prime}, when the campaign workers are idle:
 * in effect when a meter is provisioned) or, failing that, when a campaign first needs them. Thread-safe.
 */
@Component
class MeterSecrets {

    /** A meter's key, or why it has none. Immutable. */
    record Keyed(CodeKey key, String error) {}

    /** A meter whose key is wanted. Immutable. */
    record Wanted(UUID deviceId, String eui64, String publicKeyPem) {}

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE = 12;

    private final DatabaseClient db;
    private final KeyRing keys;
    private final Suppliers suppliers;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final ConcurrentMap<String, SecretKeySpec> wrapKeys = new ConcurrentHashMap<>();
    /**
     * Per supplier, the last meter {@link #prime} looked at: it goes on from there in id order rather than reading
     * every primed meter again on each page (which made priming quadratic), and starts again from the first meter
     * once a page comes back short, so meters added behind it are found on the next pass.
     */
    private final ConcurrentMap<UUID, UUID> primedUpTo = new ConcurrentHashMap<>();
    /**
     * When a pass from the first meter may start again: an idle instance would otherwise read every meter each poll
     * (a PostgreSQL load of its own, seen in the campaign benchmark). Meters added since the last pass wait for the
     * next; a campaign that meets a meter without a kept secret derives it.
     */
    private final RestGate<UUID> passes = new RestGate<>();

    MeterSecrets(DatabaseClient db, KeyRing keys, Suppliers suppliers, TransactionalOperator tx, Clock clock) {
        this.db = db;
        this.keys = keys;
        this.suppliers = suppliers;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * The kept secrets of some meters; parameters ids, s (the supplier) and kid (the supplier's key). Each meter's
     * is looked up by the whole key ({@code OFFSET 0} keeps the lookup apart from the rest of the plan): the table
     * grows fast while meters are first primed, and planned on statistics taken before, a plain join (or
     * {@code device_id = ANY(ids)}) read every secret kept under the key for each page, up to a second a page
     * ({@code KeptSecretsPlanTest}).
     */
    static final String KEPT = """
            SELECT m.device_id, m.wrapped FROM unnest(:ids::uuid[]) AS u(id)
            CROSS JOIN LATERAL (SELECT m.device_id, m.wrapped FROM meter_secret m
              WHERE m.supplier_id = :s AND m.device_id = u.id AND m.supplier_kid = :kid OFFSET 0) m
            """;

    /** Keys for the meters, unwrapping kept secrets and deriving (and keeping) the missing ones; all cores. */
    Mono<Map<UUID, Keyed>> keys(Supplier supplier, List<Wanted> meters) {
        if (meters.isEmpty()) {
            return Mono.just(Map.of());
        }
        EcKeyPair own = keys.current(supplier.code(), KeyPurpose.PREPAYMENT_KA);
        return db.sql(KEPT)
                .bind("s", supplier.id())
                .bind("kid", own.kid())
                .bind("ids", meters.stream().map(m -> m.deviceId().toString()).toArray(String[]::new))
                .map(row -> Map.entry(row.get("device_id", UUID.class), Rows.bytes(row.get("wrapped"))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .flatMap(kept -> Flux.fromIterable(meters)
                        .parallel()
                        .runOn(Schedulers.parallel())
                        .map(m -> resolve(supplier, own, m, kept.get(m.deviceId())))
                        .sequential()
                        .collectList())
                .flatMap(resolved -> {
                    Map<UUID, Keyed> out = new HashMap<>();
                    List<Resolved> fresh = new ArrayList<>();
                    for (Resolved r : resolved) {
                        out.put(r.deviceId(), r.keyed());
                        if (r.wrapped() != null) {
                            fresh.add(r);
                        }
                    }
                    return store(supplier, own.kid(), fresh).thenReturn(out);
                });
    }

    /**
     * Derives and keeps secrets for up to {@code limit} meters of each supplier that have none for the current
     * key, claiming them so instances do not repeat each other; completes with how many.
     */
    Mono<Integer> prime(int limit, Duration rest) {
        return suppliers
                .all()
                .concatMap(supplier -> {
                    UUID after = primedUpTo.get(supplier.id());
                    Instant now = clock.instant();
                    if (after == null && !passes.tryStart(supplier.id(), now, rest)) {
                        return Mono.just(0);
                    }
                    EcKeyPair own = keys.current(supplier.code(), KeyPurpose.PREPAYMENT_KA);
                    var spec = db.sql("""
                            SELECT d.id, d.eui64, d.ka_public_key FROM device d
                            WHERE d.supplier_id = :s %s AND d.device_type IN ('ESME', 'GSME')
                              AND d.ka_public_key IS NOT NULL
                              AND NOT EXISTS (SELECT 1 FROM meter_secret m WHERE m.supplier_id = d.supplier_id
                                AND m.device_id = d.id AND m.supplier_kid = :kid)
                            ORDER BY d.id LIMIT :n FOR NO KEY UPDATE OF d SKIP LOCKED
                            """.formatted(after == null ? "" : "AND d.id > :after"))
                            .bind("s", supplier.id())
                            .bind("kid", own.kid())
                            .bind("n", limit);
                    spec = after == null ? spec : spec.bind("after", after);
                    return tx.transactional(spec.map(row -> new Wanted(
                                    row.get("id", UUID.class),
                                    row.get("eui64", String.class),
                                    row.get("ka_public_key", String.class)))
                            .all()
                            .collectList()
                            .flatMap(meters -> {
                                if (meters.size() < limit) {
                                    primedUpTo.remove(supplier.id());
                                } else {
                                    // Another worker may have gone further: at worst this one reads its page again.
                                    primedUpTo.put(
                                            supplier.id(),
                                            meters.get(meters.size() - 1).deviceId());
                                }
                                return keys(supplier, meters).map(Map::size);
                            }));
                })
                .reduce(0, Integer::sum);
    }

    private record Resolved(UUID deviceId, Keyed keyed, byte[] wrapped) {}

    private Resolved resolve(Supplier supplier, EcKeyPair own, Wanted m, byte[] kept) {
        Eui64 eui;
        byte[] aad;
        try {
            eui = Eui64.parse(m.eui64());
            aad = aad(supplier.id(), own.kid(), m);
        } catch (RuntimeException e) {
            return new Resolved(m.deviceId(), new Keyed(null, "unusable meter id: " + e.getMessage()), null);
        }
        if (kept != null) {
            byte[] z = unwrap(wrapKey(own), kept, aad);
            if (z != null) {
                return new Resolved(
                        m.deviceId(), new Keyed(CodeKey.fromSharedSecret(z, supplier.originatorId(), eui), null), null);
            }
        }
        try {
            byte[] z = P256.agree(own.privateKey(), (ECPublicKey) Pem.publicKey(m.publicKeyPem()));
            CodeKey key = CodeKey.fromSharedSecret(z, supplier.originatorId(), eui);
            return new Resolved(m.deviceId(), new Keyed(key, null), wrap(wrapKey(own), z, aad));
        } catch (GeneralSecurityException | RuntimeException e) {
            return new Resolved(m.deviceId(), new Keyed(null, "no usable key-agreement key: " + e.getMessage()), null);
        }
    }

    private Mono<Void> store(Supplier supplier, String kid, List<Resolved> fresh) {
        if (fresh.isEmpty()) {
            return Mono.empty();
        }
        String[] ids = fresh.stream().map(r -> r.deviceId().toString()).toArray(String[]::new);
        String[] wrapped = fresh.stream()
                .map(r -> java.util.HexFormat.of().formatHex(r.wrapped()))
                .toArray(String[]::new);
        return db.sql("""
                        INSERT INTO meter_secret (supplier_id, device_id, supplier_kid, wrapped, created_at)
                        SELECT :s, d::uuid, :kid, decode(w, 'hex'), :now
                        FROM unnest(:ids::text[], :wrapped::text[]) AS u(d, w)
                        ON CONFLICT (supplier_id, device_id, supplier_kid) DO UPDATE SET wrapped = EXCLUDED.wrapped,
                          created_at = EXCLUDED.created_at
                        """)
                .bind("s", supplier.id())
                .bind("kid", kid)
                .bind("now", clock.instant())
                .bind("ids", ids)
                .bind("wrapped", wrapped)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** AES-256 key for wrapping: SHA-256 over a label, the key id and the supplier's private scalar. */
    private SecretKeySpec wrapKey(EcKeyPair own) {
        return wrapKeys.computeIfAbsent(own.kid(), kid -> {
            MessageDigest sha = sha256();
            sha.update("lifeline meter-secret wrapping v1\0".getBytes(StandardCharsets.US_ASCII));
            sha.update(kid.getBytes(StandardCharsets.US_ASCII));
            sha.update(own.privateKey().getS().toByteArray());
            return new SecretKeySpec(sha.digest(), "AES");
        });
    }

    private static byte[] aad(UUID supplier, String kid, Wanted m) {
        MessageDigest sha = sha256();
        byte[] keyHash = sha.digest(m.publicKeyPem().getBytes(StandardCharsets.US_ASCII));
        return (supplier + "/" + kid + "/" + m.deviceId() + "/"
                        + java.util.HexFormat.of().formatHex(keyHash))
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] wrap(SecretKeySpec key, byte[] z, byte[] aad) throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        gcm.updateAAD(aad);
        byte[] sealed = gcm.doFinal(z);
        return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
    }

    /** The secret, or null when it does not unwrap (another key, another meter key, tampered). */
    private static byte[] unwrap(SecretKeySpec key, byte[] wrapped, byte[] aad) {
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, wrapped, 0, NONCE));
            gcm.updateAAD(aad);
            byte[] z = gcm.doFinal(wrapped, NONCE, wrapped.length - NONCE);
            return z.length == 32 ? z : null;
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
