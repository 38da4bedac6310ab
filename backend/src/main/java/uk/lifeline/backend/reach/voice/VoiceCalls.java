package uk.lifeline.backend.reach.voice;

import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.reach.CallLog;
import uk.lifeline.words.Language;

/**
 * The one store of {@code voice_call}: calls queued by the ladder, claimed by the sender, moved by Twilio's
 * answers and callbacks, and calls customers made to the inbound line. Implements {@link CallLog}. Thread-safe.
 */
@Component
class VoiceCalls implements CallLog {

    /** Twilio's words for a call that is over. */
    static final Set<String> ENDED = Set.of("completed", "busy", "no-answer", "failed", "canceled");
    /** Twilio's words for a call that is over without the customer having answered. */
    static final Set<String> NOT_REACHED = Set.of("busy", "no-answer", "failed", "canceled");
    /** Twilio's states in the order a call goes through them (all ended states last). */
    private static final List<String> ORDER =
            List.of("pending", "requesting", "in-doubt", "queued", "initiated", "ringing", "in-progress");

    /** One call as the sender and the webhooks see it. */
    record Row(
            UUID id,
            UUID supplierId,
            UUID customerId,
            String direction,
            UUID codeId,
            UUID campaignId,
            String phone,
            Language language,
            String state,
            String callSid,
            int attempts,
            List<UUID> codeIds,
            int position) {}

    private static final String COLUMNS = "id, supplier_id, customer_account_id, direction, code_id, campaign_id,"
            + " phone, language, state, call_sid, attempts, code_ids, position";

    private final DatabaseClient db;

    VoiceCalls(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Queues one outbound call for a code (in the ladder step's transaction); {@code state} is {@code pending}, or
     * {@code demo} for a script recorded but never dialled. False if the code already had its call.
     */
    Mono<Boolean> queue(
            UUID id,
            UUID supplier,
            UUID customer,
            UUID code,
            UUID campaign,
            String phone,
            Language language,
            String state,
            String script,
            Instant now) {
        var spec = db.sql("""
                        INSERT INTO voice_call (id, supplier_id, customer_account_id, direction, code_id, campaign_id,
                            phone, language, state, script, next_attempt_at, created_at, updated_at)
                        VALUES (:id, :s, :c, 'OUT', :code, :campaign, :phone, :lang, :state, :script, :now, :now, :now)
                        ON CONFLICT DO NOTHING
                        """)
                .bind("id", id)
                .bind("s", supplier)
                .bind("c", customer)
                .bind("code", code)
                .bind("phone", phone)
                .bind("lang", language.tag())
                .bind("state", state)
                .bind("script", script)
                .bind("now", now);
        spec = campaign == null ? spec.bindNull("campaign", UUID.class) : spec.bind("campaign", campaign);
        return spec.fetch().rowsUpdated().map(n -> n > 0);
    }

    /** Records an inbound call once its caller keyed the right PIN. */
    Mono<Void> inbound(
            UUID id,
            UUID supplier,
            UUID customer,
            String phone,
            Language language,
            String callSid,
            List<UUID> codes,
            String script,
            Instant now) {
        return db.sql("""
                        INSERT INTO voice_call (id, supplier_id, customer_account_id, direction, phone, language,
                            state, script, call_sid, code_ids, next_attempt_at, created_at, updated_at)
                        VALUES (:id, :s, :c, 'IN', :phone, :lang, 'in-progress', :script, :sid, :codes, :now, :now,
                            :now)
                        """)
                .bind("id", id)
                .bind("s", supplier)
                .bind("c", customer)
                .bind("phone", phone)
                .bind("lang", language.tag())
                .bind("script", script)
                .bind("sid", callSid)
                .bind("codes", codes.toArray(UUID[]::new))
                .bind("now", now)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** Claims due calls for this sender (REQUESTING with a lease); the caller commits before asking Twilio. */
    Flux<Row> claim(int limit, Duration lease, Instant now) {
        return db.sql("""
                        UPDATE voice_call v SET state = 'requesting', lease_until = :lease, attempts = attempts + 1,
                            updated_at = :now
                        FROM (SELECT id FROM voice_call WHERE state = 'pending' AND next_attempt_at <= :now
                              ORDER BY next_attempt_at, id LIMIT :limit FOR UPDATE SKIP LOCKED) due
                        WHERE v.id = due.id
                        RETURNING v.id, v.supplier_id, v.customer_account_id, v.direction, v.code_id, v.campaign_id,
                            v.phone, v.language, v.state, v.call_sid, v.attempts, v.code_ids, v.position
                        """)
                .bind("lease", now.plus(lease))
                .bind("now", now)
                .bind("limit", limit)
                .map(VoiceCalls::row)
                .all();
    }

    /** Twilio created the call. */
    Mono<Void> requested(UUID id, String sid, String state, Instant now) {
        return db.sql("UPDATE voice_call SET state = :state, call_sid = :sid, lease_until = NULL, last_error = NULL,"
                        + " updated_at = :now WHERE id = :id AND state = 'requesting'")
                .bind("id", id)
                .bind("sid", sid)
                .bind("state", state)
                .bind("now", now)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** Twilio did not take it this time (429, 503, no connection): due again later. */
    Mono<Void> retryLater(UUID id, String error, Instant at, Instant now) {
        return db.sql("UPDATE voice_call SET state = 'pending', next_attempt_at = :at, lease_until = NULL,"
                        + " last_error = :err, updated_at = :now WHERE id = :id AND state = 'requesting'")
                .bind("id", id)
                .bind("err", error)
                .bind("at", at)
                .bind("now", now)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** Never made (refused, given up, nothing left to say). True if it moved. */
    Mono<Boolean> failed(UUID id, String error, Instant now) {
        return db.sql("UPDATE voice_call SET state = 'failed', last_error = :err, lease_until = NULL, updated_at = :now"
                        + " WHERE id = :id AND state = 'requesting'")
                .bind("id", id)
                .bind("err", error)
                .bind("now", now)
                .fetch()
                .rowsUpdated()
                .map(n -> n > 0);
    }

    /** Asked, answer lost: the call may exist. Never asked again; a status callback settles it. */
    Mono<Void> inDoubt(UUID id, String error, Instant now) {
        return db.sql("UPDATE voice_call SET state = 'in-doubt', last_error = :err, lease_until = NULL,"
                        + " updated_at = :now WHERE id = :id AND state = 'requesting'")
                .bind("id", id)
                .bind("err", error)
                .bind("now", now)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** Calls whose sender stopped while asking Twilio: they may exist, so they are never asked for again. */
    Mono<Long> leasesRunOut(Instant now) {
        return db.sql("UPDATE voice_call SET state = 'in-doubt', lease_until = NULL,"
                        + " last_error = 'sender stopped while asking Twilio', updated_at = :now"
                        + " WHERE state = 'requesting' AND lease_until < :now")
                .bind("now", now)
                .fetch()
                .rowsUpdated();
    }

    /** The inbound call Twilio knows by this CallSid, locked until the transaction ends. */
    Mono<Row> lockInbound(String sid) {
        return db.sql("SELECT " + COLUMNS + " FROM voice_call WHERE call_sid = :sid AND direction = 'IN' FOR UPDATE")
                .bind("sid", sid)
                .map(VoiceCalls::row)
                .one();
    }

    /** The call, locked until the transaction ends. */
    Mono<Row> lock(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM voice_call WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .map(VoiceCalls::row)
                .one();
    }

    /**
     * Moves a call to Twilio's new state if that is further on (a replayed or late callback changes nothing).
     * True if it moved.
     */
    Mono<Boolean> moveTo(Row call, String sid, String state, Instant now) {
        if (!further(call.state(), state)) {
            return Mono.just(false);
        }
        return db.sql("UPDATE voice_call SET state = :state, call_sid = :sid, lease_until = NULL, updated_at = :now"
                        + " WHERE id = :id")
                .bind("id", call.id())
                .bind("state", state)
                .bind("sid", sid)
                .bind("now", now)
                .fetch()
                .rowsUpdated()
                .map(n -> n > 0);
    }

    static boolean further(String from, String to) {
        if (ENDED.contains(from) || "demo".equals(from)) {
            return false;
        }
        return ENDED.contains(to) || ORDER.indexOf(to) > ORDER.indexOf(from);
    }

    /** The caller pressed 2 for the code being read. */
    Mono<Void> confirmed(UUID id, Instant now) {
        return db.sql("UPDATE voice_call SET confirmed_at = coalesce(confirmed_at, :now), updated_at = :now"
                        + " WHERE id = :id")
                .bind("id", id)
                .bind("now", now)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** Inbound: the caller moves on to the code at this position. */
    Mono<Void> position(UUID id, int position, Instant now) {
        return db.sql("UPDATE voice_call SET position = :p, updated_at = :now WHERE id = :id")
                .bind("id", id)
                .bind("p", position)
                .bind("now", now)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** How many calls are pending and in doubt, for health. */
    Mono<long[]> counts() {
        return db.sql("""
                        SELECT (SELECT count(*) FROM voice_call WHERE state = 'pending') AS pending,
                          (SELECT count(*) FROM voice_call WHERE state = 'in-doubt') AS in_doubt
                        """)
                .map(r -> new long[] {r.get("pending", Long.class), r.get("in_doubt", Long.class)})
                .one();
    }

    @Override
    public Flux<Call> forCustomer(UUID supplierId, UUID customerId, int limit) {
        return db.sql("SELECT id, supplier_id, customer_account_id, code_id, campaign_id, phone, language, direction,"
                        + " state, script, created_at FROM voice_call WHERE supplier_id = :s AND customer_account_id = :c"
                        + " ORDER BY created_at DESC, id LIMIT :limit")
                .bind("s", supplierId)
                .bind("c", customerId)
                .bind("limit", Math.max(0, Math.min(limit, 1000)))
                .map(VoiceCalls::call)
                .all();
    }

    @Override
    public Flux<Call> forCode(UUID supplierId, UUID codeId) {
        return db.sql("SELECT id, supplier_id, customer_account_id, code_id, campaign_id, phone, language, direction,"
                        + " state, script, created_at FROM voice_call WHERE supplier_id = :s"
                        + " AND (code_id = :code OR :code = ANY (code_ids)) ORDER BY created_at, id")
                .bind("s", supplierId)
                .bind("code", codeId)
                .map(VoiceCalls::call)
                .all();
    }

    /** The state as people read it: a demo call says it was never dialled. */
    static String shown(String state) {
        return "demo".equals(state) ? "demo: not dialled" : state;
    }

    private static Call call(Readable r) {
        return new Call(
                r.get("id", UUID.class),
                r.get("supplier_id", UUID.class),
                r.get("customer_account_id", UUID.class),
                r.get("code_id", UUID.class),
                r.get("campaign_id", UUID.class),
                r.get("phone", String.class),
                Language.fromTag(r.get("language", String.class)).orElseThrow(),
                r.get("direction", String.class),
                shown(r.get("state", String.class)),
                r.get("script", String.class),
                r.get("created_at", Instant.class));
    }

    private static Row row(Readable r) {
        UUID[] codes = r.get("code_ids", UUID[].class);
        return new Row(
                r.get("id", UUID.class),
                r.get("supplier_id", UUID.class),
                r.get("customer_account_id", UUID.class),
                r.get("direction", String.class),
                r.get("code_id", UUID.class),
                r.get("campaign_id", UUID.class),
                r.get("phone", String.class),
                Language.fromTag(r.get("language", String.class)).orElseThrow(),
                r.get("state", String.class),
                r.get("call_sid", String.class),
                r.get("attempts", Integer.class),
                codes == null ? List.of() : Arrays.asList(codes),
                r.get("position", Integer.class));
    }
}
