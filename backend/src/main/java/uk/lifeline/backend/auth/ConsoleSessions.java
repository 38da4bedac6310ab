package uk.lifeline.backend.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.audit.AuditLog;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;

/**
 * The console_session table: starts a session for a signed-in staff user, trades its refresh token for a new one
 * (rotation), honours the one just replaced for {@link ConsoleSessionProperties#reuseGrace()}, revokes the session
 * when an older one comes back, and ends it on sign-out. Every start, renewal and end is in the supplier's audit
 * log. Tokens are 32 random bytes; only their SHA-256 is stored. Thread-safe.
 */
@Component
class ConsoleSessions {

    /** A session's refresh: the user to issue an access token for, and the new refresh token (null in grace). */
    record Renewal(
            UUID sessionId,
            UUID userId,
            UUID supplierId,
            String username,
            Role role,
            String newToken,
            Instant expiresAt) {
        @Override
        public String toString() {
            return "Renewal[" + sessionId + ", " + username + "]";
        }
    }

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private final SecureRandom random = new SecureRandom();
    private final DatabaseClient db;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final ConsoleSessionProperties properties;
    private final Clock clock;

    ConsoleSessions(
            DatabaseClient db,
            AuditLog audit,
            TransactionalOperator tx,
            ConsoleSessionProperties properties,
            Clock clock) {
        this.db = db;
        this.audit = audit;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
    }

    /** A new session for the caller; completes with its first refresh token and its end. */
    Mono<Renewal> start(Caller caller) {
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        String token = newToken();
        Instant end = now.plus(properties.ttl());
        return db.sql("""
                        INSERT INTO console_session (id, supplier_id, user_id, current_hash, created_at, expires_at)
                        VALUES (:id, :s, :u, :h, :now, :end)
                        """)
                .bind("id", id)
                .bind("s", caller.supplierId())
                .bind("u", caller.userId())
                .bind("h", hash(token))
                .bind("now", now)
                .bind("end", end)
                .fetch()
                .rowsUpdated()
                .then(audit.append(
                        caller.supplierId(),
                        now,
                        caller.userId(),
                        "console-session.started",
                        subject(id),
                        Map.of("endsAt", end.toString())))
                .as(tx::transactional)
                .thenReturn(new Renewal(id, caller.userId(), caller.supplierId(), null, caller.role(), token, end));
    }

    /**
     * Rotates a refresh token. The current one gets a new token; the one just replaced, within the grace, gets
     * an access token but no new refresh token (the browser already has it); anything else is 401, and a
     * replaced token used after the grace revokes its session.
     */
    Mono<Renewal> renew(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Mono.error(ended());
        }
        byte[] presented = hash(token);
        Instant now = clock.instant();
        String next = newToken();
        return db.sql("""
                        UPDATE console_session s
                        SET previous_hash = s.current_hash, current_hash = :next, rotated_at = :now
                        FROM app_user u
                        WHERE u.id = s.user_id AND s.current_hash = :h AND s.revoked_at IS NULL AND s.expires_at > :now
                        RETURNING s.id, s.user_id, s.supplier_id, s.expires_at, u.username, u.role
                        """)
                .bind("next", hash(next))
                .bind("now", now)
                .bind("h", presented)
                .map(r -> renewal(r, next))
                .one()
                .flatMap(r -> audit.append(
                                r.supplierId(),
                                now,
                                r.userId(),
                                "console-session.renewed",
                                subject(r.sessionId()),
                                Map.of())
                        .thenReturn(r))
                .as(tx::transactional)
                .switchIfEmpty(Mono.defer(() -> replaced(presented, now)));
    }

    private Mono<Renewal> replaced(byte[] presented, Instant now) {
        return db.sql("""
                        SELECT s.id, s.user_id, s.supplier_id, s.expires_at, s.rotated_at, u.username, u.role
                        FROM console_session s JOIN app_user u ON u.id = s.user_id
                        WHERE s.previous_hash = :h AND s.revoked_at IS NULL AND s.expires_at > :now
                        """)
                .bind("h", presented)
                .bind("now", now)
                .map(r -> Map.entry(renewal(r, null), instant(r.get("rotated_at", OffsetDateTime.class))))
                .one()
                .flatMap(found -> {
                    if (!found.getValue().plus(properties.reuseGrace()).isBefore(now)) {
                        return Mono.just(found.getKey());
                    }
                    Renewal r = found.getKey();
                    return revoke(r.sessionId(), r.supplierId(), null, "reused", now)
                            .then(Mono.error(ended()));
                })
                .switchIfEmpty(Mono.error(ended()));
    }

    /** Ends the session this refresh token (current or just replaced) belongs to; nothing if there is none. */
    Mono<Void> signOut(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Mono.empty();
        }
        byte[] presented = hash(token);
        Instant now = clock.instant();
        return db.sql("""
                        SELECT id, supplier_id, user_id FROM console_session
                        WHERE (current_hash = :h OR previous_hash = :h) AND revoked_at IS NULL
                        """)
                .bind("h", presented)
                .map(r -> new Renewal(
                        r.get("id", UUID.class),
                        r.get("user_id", UUID.class),
                        r.get("supplier_id", UUID.class),
                        null,
                        null,
                        null,
                        null))
                .one()
                .flatMap(r -> revoke(r.sessionId(), r.supplierId(), r.userId(), "signed-out", now));
    }

    private Mono<Void> revoke(UUID id, UUID supplier, UUID actor, String reason, Instant now) {
        return db.sql("UPDATE console_session SET revoked_at = :now, revoked_reason = :why WHERE id = :id"
                        + " AND revoked_at IS NULL")
                .bind("now", now)
                .bind("why", reason)
                .bind("id", id)
                .fetch()
                .rowsUpdated()
                .flatMap(n -> n == 0
                        ? Mono.<Void>empty()
                        : audit.append(
                                supplier, now, actor, "console-session.ended", subject(id), Map.of("reason", reason)))
                .as(tx::transactional);
    }

    private static Renewal renewal(io.r2dbc.spi.Readable r, String newToken) {
        return new Renewal(
                r.get("id", UUID.class),
                r.get("user_id", UUID.class),
                r.get("supplier_id", UUID.class),
                r.get("username", String.class),
                Role.valueOf(r.get("role", String.class)),
                newToken,
                instant(r.get("expires_at", OffsetDateTime.class)));
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static String subject(UUID id) {
        return "console-session:" + id;
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.withOffsetSameInstant(ZoneOffset.UTC).toInstant();
    }

    private static ApiException ended() {
        return new ApiException(ProblemType.UNAUTHORIZED, "the console session has ended: sign in again");
    }
}
