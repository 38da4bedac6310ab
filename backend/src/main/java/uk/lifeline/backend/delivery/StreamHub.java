package uk.lifeline.backend.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * The customers' live streams ({@code GET /api/v1/me/stream}): every outbox message for a customer with a stream
 * open on this instance is sent as a server-sent event whose id is the message's id, so a client reconnecting
 * with {@code Last-Event-ID} gets what it missed. The hub polls the outbox for connected customers only (any
 * instance may have written the message), re-reading the last two minutes so a message whose transaction
 * committed late is not skipped; each stream remembers what it sent. A code sent on a stream becomes DELIVERED.
 * A stream that falls too far behind is ended (the client reconnects). Thread-safe.
 */
@Component
public class StreamHub extends LoopLifecycle {

    /** Events a slow stream may have queued before it is ended. */
    static final int BUFFER = 256;
    /** Missed events a reconnecting client is sent; beyond that it is told to sync instead. */
    static final int MOST_MISSED = 100;

    static final Duration KEEP_ALIVE = Duration.ofSeconds(20);
    /** Streams one customer may have open on an instance; opening one more ends their oldest (issue 12). */
    public static final int MOST_STREAMS_PER_CUSTOMER = 3;

    private static final Duration LOOK_BACK = Duration.ofMinutes(2);

    private record Key(UUID supplier, UUID customer) {}

    private static final class Subscriber {
        final Sinks.Many<ServerSentEvent<String>> sink = Sinks.many()
                .unicast()
                .onBackpressureBuffer(
                        Queues.<ServerSentEvent<String>>get(BUFFER).get());
        final Sinks.One<Boolean> ended = Sinks.one();
        final Set<Long> sent = new LinkedHashSet<>();
        final long after;
        final UUID session;

        Subscriber(long after, UUID session) {
            this.after = after;
            this.session = session;
        }

        /** Ends the stream (the keep-alives included): the client sees the response end. */
        void end() {
            ended.tryEmitValue(true);
        }

        /** True the first time an id is offered (and it is newer than the client's Last-Event-ID). */
        synchronized boolean fresh(long id) {
            if (id <= after || !sent.add(id)) {
                return false;
            }
            if (sent.size() > 4 * BUFFER) {
                Iterator<Long> oldest = sent.iterator();
                oldest.next();
                oldest.remove();
            }
            return true;
        }
    }

    private record Event(long id, UUID customer, String kind, UUID subject, String status, String envelope) {}

    private final DatabaseClient db;
    private final CodeReceipts receipts;
    private final ObjectMapper json;
    private final Clock clock;
    private final ConcurrentMap<Key, Set<Subscriber>> open = new ConcurrentHashMap<>();

    public StreamHub(
            DatabaseClient db, CodeReceipts receipts, ObjectMapper json, Clock clock, PushProperties properties) {
        super("stream-hub", 1, properties.pollInterval(), true);
        this.db = db;
        this.receipts = receipts;
        this.json = json;
        this.clock = clock;
    }

    /**
     * A customer's stream: the events after {@code lastEventId} (or a {@code sync} when too many were missed), then
     * live ones; without {@code lastEventId}, live ones only.
     */
    Flux<ServerSentEvent<String>> subscribe(UUID supplier, UUID customer, UUID session, Long lastEventId) {
        Key key = new Key(supplier, customer);
        if (lastEventId == null) {
            // A new stream starts from now: the app pulls what came before when it opens.
            return db.sql("SELECT coalesce(max(id), 0) AS id FROM outbox_message WHERE supplier_id = :s"
                            + " AND customer_account_id = :c")
                    .bind("s", supplier)
                    .bind("c", customer)
                    .map(row -> row.get("id", Long.class))
                    .one()
                    .flatMapMany(now -> stream(key, new Subscriber(now, session), Flux.empty()));
        }
        Subscriber subscriber = new Subscriber(lastEventId, session);
        Flux<ServerSentEvent<String>> missed = db.sql("""
                        SELECT id, customer_account_id, kind, subject_id, status, envelope FROM outbox_message
                        WHERE supplier_id = :s AND customer_account_id = :c AND id > :after ORDER BY id LIMIT :n
                        """)
                .bind("s", supplier)
                .bind("c", customer)
                .bind("after", lastEventId)
                .bind("n", MOST_MISSED + 1)
                .map(StreamHub::event)
                .all()
                .collectList()
                .flatMapMany(events -> events.size() > MOST_MISSED
                        ? Flux.just(ServerSentEvent.<String>builder("{}")
                                .event("sync")
                                .build())
                        : Flux.fromIterable(events)
                                .filter(e -> subscriber.fresh(e.id()))
                                .concatMap(e -> delivered(supplier, e).thenReturn(sse(e))));
        return stream(key, subscriber, missed);
    }

    private Flux<ServerSentEvent<String>> stream(Key key, Subscriber subscriber, Flux<ServerSentEvent<String>> missed) {
        Flux<ServerSentEvent<String>> keepAlive = Flux.interval(KEEP_ALIVE)
                .map(n ->
                        ServerSentEvent.<String>builder().comment("keep-alive").build());
        return Flux.concat(
                        Flux.just(ServerSentEvent.<String>builder()
                                .comment("connected")
                                .build()),
                        missed,
                        subscriber.sink.asFlux())
                .mergeWith(keepAlive)
                .takeUntilOther(subscriber.ended.asMono())
                .doOnSubscribe(s -> open.compute(key, (k, set) -> {
                    Set<Subscriber> streams = set == null ? new CopyOnWriteArraySet<>() : set;
                    // Past the limit the oldest stream ends: a phone reconnecting before its old connection is
                    // noticed dead still gets in, and one customer cannot make the hub poll for many.
                    Iterator<Subscriber> oldest = streams.iterator();
                    for (int extra = streams.size() - MOST_STREAMS_PER_CUSTOMER + 1; extra > 0; extra--) {
                        Subscriber gone = oldest.next();
                        streams.remove(gone);
                        gone.end();
                    }
                    streams.add(subscriber);
                    return streams;
                }))
                .doFinally(signal -> open.computeIfPresent(key, (k, set) -> {
                    set.remove(subscriber);
                    return set.isEmpty() ? null : set;
                }));
    }

    /** Ends a session's streams on this instance (its app session was revoked). */
    void end(UUID supplier, UUID customer, UUID session) {
        Set<Subscriber> streams = open.get(new Key(supplier, customer));
        if (streams != null) {
            streams.stream().filter(s -> session.equals(s.session)).forEach(Subscriber::end);
        }
    }

    /** Ends the streams of sessions revoked on any instance. */
    private Mono<Void> endRevoked() {
        String[] sessions = open.values().stream()
                .flatMap(Set::stream)
                .map(s -> s.session)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .map(UUID::toString)
                .toArray(String[]::new);
        if (sessions.length == 0) {
            return Mono.empty();
        }
        return db.sql("SELECT id FROM app_install WHERE id = ANY(:ids::uuid[]) AND revoked_at IS NOT NULL")
                .bind("ids", sessions)
                .map(row -> row.get("id", UUID.class))
                .all()
                .collectList()
                .doOnNext(revoked -> open.values().forEach(set -> set.stream()
                        .filter(s -> revoked.contains(s.session))
                        .forEach(Subscriber::end)))
                .then();
    }

    /** One poll: new outbox messages for customers with a stream open here, handed to their streams. */
    Mono<Void> poll() {
        if (open.isEmpty()) {
            return Mono.empty();
        }
        return endRevoked().then(Mono.defer(this::handOut));
    }

    private Mono<Void> handOut() {
        Map<UUID, List<Key>> bySupplier = new LinkedHashMap<>();
        open.keySet().forEach(k -> bySupplier
                .computeIfAbsent(k.supplier(), s -> new ArrayList<>())
                .add(k));
        Instant since = clock.instant().minus(LOOK_BACK);
        return Flux.fromIterable(bySupplier.entrySet())
                .concatMap(entry -> db.sql("""
                                SELECT id, customer_account_id, kind, subject_id, status, envelope FROM outbox_message
                                WHERE supplier_id = :s AND customer_account_id = ANY(:c::uuid[]) AND created_at > :since
                                ORDER BY id
                                """)
                        .bind("s", entry.getKey())
                        .bind(
                                "c",
                                entry.getValue().stream()
                                        .map(k -> k.customer().toString())
                                        .toArray(String[]::new))
                        .bind("since", since)
                        .map(StreamHub::event)
                        .all()
                        .concatMap(e -> hand(entry.getKey(), e)))
                .then();
    }

    private Mono<Void> hand(UUID supplier, Event e) {
        Set<Subscriber> subscribers = open.get(new Key(supplier, e.customer()));
        if (subscribers == null) {
            return Mono.empty();
        }
        boolean sent = false;
        for (Subscriber s : subscribers) {
            if (s.fresh(e.id())) {
                Sinks.EmitResult result = s.sink.tryEmitNext(sse(e));
                if (result.isFailure()) {
                    // Too far behind: end the stream; the client reconnects with Last-Event-ID.
                    s.end();
                } else {
                    sent = true;
                }
            }
        }
        return sent ? delivered(supplier, e) : Mono.empty();
    }

    /** A released code that reached the app on its stream is DELIVERED (the ledger's transition, audited). */
    private Mono<Void> delivered(UUID supplier, Event e) {
        if (!Outbox.Kind.CODE.wire().equals(e.kind())) {
            return Mono.empty();
        }
        return receipts.delivered(supplier, e.subject(), "stream", e.id());
    }

    private ServerSentEvent<String> sse(Event e) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("id", e.subject().toString());
        if (e.status() != null) {
            data.put("status", e.status());
        }
        if (e.envelope() != null) {
            data.put("envelope", e.envelope());
        }
        try {
            return ServerSentEvent.builder(json.writeValueAsString(data))
                    .id(Long.toString(e.id()))
                    .event(e.kind())
                    .build();
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Event event(Readable row) {
        return new Event(
                row.get("id", Long.class),
                row.get("customer_account_id", UUID.class),
                row.get("kind", String.class),
                row.get("subject_id", UUID.class),
                row.get("status", String.class),
                row.get("envelope", String.class));
    }

    /** Each poll sends what is new to the open streams; it never has more waiting, so the loop polls on. */
    @Override
    protected Mono<Integer> work() {
        return poll().thenReturn(0);
    }

    /** Ends every open stream (the app reconnects with its Last-Event-ID), then the polling. */
    @Override
    public void stop() {
        open.values().forEach(set -> set.forEach(Subscriber::end));
        super.stop();
    }
}
