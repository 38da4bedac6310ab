package uk.lifeline.app.trust;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The public keys envelopes are checked with: the supplier's envelope key set, signed by the supplier's trust
 * anchor bundled in the app ({@link TrustAnchor}; served at {@code /.well-known/lifeline/keys/<supplier>}),
 * fetched once, kept in a cache that survives restarts (so codes can be checked offline; the cached set is
 * checked under the anchor again when read), and fetched again only when an envelope names a key id the cached
 * set lacks (the supplier has rotated its key), at most once a minute. A fetched set must not have expired and
 * must not be older than the cached one, so an old set (with a retired key) cannot be replayed. Thread-safe.
 */
public final class SupplierKeys {

    /** Fetches the signed key set (a compact JWS). */
    public interface Source {
        String fetch() throws IOException;
    }

    /** Keeps the last signed key set taken, as its JWS; {@code load} returns null when there is none. */
    public interface Cache {
        String load();

        void save(String signedKeySet);
    }

    /** No key set could be fetched and none was cached: nothing can be checked until the phone is online. */
    public static final class UnavailableException extends IOException {
        UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static final Duration REFETCH_AT_MOST_EVERY = Duration.ofMinutes(1);

    private final Source source;
    private final Cache cache;
    private final Clock clock;
    private final TrustAnchor anchor;
    private TrustAnchor.SignedKeySet keys;
    private Instant fetchedAt;

    public SupplierKeys(Source source, Cache cache, Clock clock, TrustAnchor anchor) {
        this.source = source;
        this.cache = cache;
        this.clock = clock;
        this.anchor = anchor;
    }

    /**
     * The P-256 signing key with this id, or null when the key set has no such key even after fetching it again.
     *
     * @throws UnavailableException when the key is not cached and the key set cannot be fetched now (offline)
     * @throws TrustAnchor.RefusedKeySetException when the server sent a key set the supplier's anchor did not sign
     */
    public synchronized ECKey find(String kid) throws UnavailableException {
        if (keys == null) {
            keys = cached();
        }
        JWK key = keys == null ? null : keys.keys().getKeyByKeyId(kid);
        if (key == null && mayFetch()) {
            fetch();
            key = keys.keys().getKeyByKeyId(kid);
        }
        return isSigningKey(key) ? key.toECKey() : null;
    }

    private TrustAnchor.SignedKeySet cached() {
        String jws = cache.load();
        if (jws == null) {
            return null;
        }
        try {
            return anchor.verify(jws);
        } catch (TrustAnchor.RefusedKeySetException e) {
            // A cache from before the anchor (a plain JWK set) or from another supplier: fetch afresh.
            return null;
        }
    }

    private boolean mayFetch() {
        return fetchedAt == null || !clock.instant().isBefore(fetchedAt.plus(REFETCH_AT_MOST_EVERY));
    }

    private void fetch() throws UnavailableException {
        String json;
        try {
            json = source.fetch();
        } catch (IOException e) {
            // Offline: a kid the cache lacks may be a rotated key, not a forgery, so the envelope waits.
            throw new UnavailableException("could not fetch the supplier's keys: " + e.getMessage(), e);
        }
        fetchedAt = clock.instant();
        TrustAnchor.SignedKeySet fetched = anchor.verify(json == null ? "" : json.trim());
        if (!fetched.expiresAt().isAfter(fetchedAt)) {
            throw new TrustAnchor.RefusedKeySetException("the key set expired at " + fetched.expiresAt());
        }
        if (keys != null && fetched.issuedAt().isBefore(keys.issuedAt())) {
            throw new TrustAnchor.RefusedKeySetException("the key set is older than the one already taken");
        }
        keys = fetched;
        cache.save(fetched.jws());
    }

    private static boolean isSigningKey(JWK key) {
        return key instanceof ECKey ec
                && Curve.P_256.equals(ec.getCurve())
                && !ec.isPrivate()
                && (ec.getKeyUse() == null || KeyUse.SIGNATURE.equals(ec.getKeyUse()));
    }
}
