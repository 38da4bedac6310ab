package uk.lifeline.app.trust;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import java.io.IOException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The public keys envelopes are checked with: the backend's JWK set ({@code /.well-known/jwks.json}), fetched
 * once, kept in a cache that survives restarts (so codes can be checked offline), and fetched again only when an
 * envelope names a key id the cached set lacks (the supplier has rotated its key), at most once a minute.
 * Thread-safe.
 */
public final class SupplierKeys {

    /** Fetches the JWK set as JSON. */
    public interface Source {
        String fetch() throws IOException;
    }

    /** Keeps the last JWK set fetched, as JSON; {@code load} returns null when there is none. */
    public interface Cache {
        String load();

        void save(String jwkSetJson);
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
    private JWKSet keys;
    private Instant fetchedAt;

    public SupplierKeys(Source source, Cache cache, Clock clock) {
        this.source = source;
        this.cache = cache;
        this.clock = clock;
    }

    /**
     * The P-256 signing key with this id, or null when the key set has no such key even after fetching it again.
     *
     * @throws UnavailableException when the key is not cached and the key set cannot be fetched now (offline)
     */
    public synchronized ECKey find(String kid) throws UnavailableException {
        if (keys == null) {
            keys = parse(cache.load());
        }
        JWK key = keys == null ? null : keys.getKeyByKeyId(kid);
        if (key == null && mayFetch()) {
            fetch();
            key = keys.getKeyByKeyId(kid);
        }
        return isSigningKey(key) ? key.toECKey() : null;
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
        JWKSet fetched = parse(json);
        if (fetched == null) {
            throw new UnavailableException("the key set the server sent is not a JWK set", null);
        }
        keys = fetched;
        fetchedAt = clock.instant();
        cache.save(json);
    }

    private static JWKSet parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JWKSet.parse(json);
        } catch (ParseException e) {
            return null;
        }
    }

    private static boolean isSigningKey(JWK key) {
        return key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve()) && !ec.isPrivate()
                && (ec.getKeyUse() == null || KeyUse.SIGNATURE.equals(ec.getKeyUse()));
    }
}
