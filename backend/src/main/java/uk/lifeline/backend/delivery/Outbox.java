package uk.lifeline.backend.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.database.JoinedText;

/**
 * Writes what a customer is to be told into the outbox, in the caller's transaction, so a message exists exactly
 * when the code or notice it announces does: one outbox_message row (the live stream reads these) and one
 * push_delivery row per live phone of the customer (the dispatcher sends these), in the messages' order (the
 * dispatcher claims deliveries due at the same moment in that order). One statement per call, or per page of a
 * campaign. Thread-safe.
 */
@Component
public class Outbox {

    /** One message for one customer. Immutable. */
    public record Message(
            UUID supplierId,
            UUID customerId,
            Kind kind,
            UUID subjectId,
            String status,
            String envelope,
            String title,
            String body,
            boolean highPriority,
            UUID campaignId,
            Instant at,
            Instant expiresAt) {}

    /** The {@code type} of the FCM data message and the stream event; part of docs/backend-api.md. */
    public enum Kind {
        CODE("code"),
        NOTICE("notice"),
        STATUS("status");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    private static final String FAN_OUT = """
            INSERT INTO push_delivery (message_id, supplier_id, device_id, state, next_attempt_at, expires_at,
              created_at)
            SELECT m.id, m.supplier_id, d.id, 'PENDING', m.created_at, m.expires_at, m.created_at
            FROM outbox_rows m JOIN push_device d ON d.supplier_id = m.supplier_id
              AND d.customer_account_id = m.customer_account_id AND d.retired_at IS NULL
            ORDER BY m.id, d.id
            """;

    private static final String COLUMNS = "(supplier_id, customer_account_id, kind, subject_id, status, envelope,"
            + " title, body, high_priority, campaign_id, created_at, expires_at)";

    /** Many messages and their deliveries, as two common table expressions (see {@link #batchInStatement}). */
    private static final String BATCH = "outbox_rows AS (INSERT INTO outbox_message " + COLUMNS
            + """
             SELECT :supplier, c::uuid, k, s::uuid, st, e, t, b, h, cp::uuid, a::timestamptz, x::timestamptz
             FROM unnest(:outboxCustomers::text[], :outboxKinds::text[], :outboxSubjects::text[],
               :outboxStatuses::text[], %s, :outboxTitles::text[], :outboxBodies::text[],
               :outboxHigh::boolean[], :outboxCampaigns::text[], :outboxAt::text[], :outboxExpires::text[])
               AS u(c, k, s, st, e, t, b, h, cp, a, x)
            RETURNING id, supplier_id, customer_account_id, created_at, expires_at),
            outbox_deliveries AS (
            """.formatted(JoinedText.array("outboxEnvelopes")) + FAN_OUT + " RETURNING 1)\n";

    private final DatabaseClient db;

    public Outbox(DatabaseClient db) {
        this.db = db;
    }

    /** A code is released (issued without approval, or approved): its envelope goes to the customer. */
    public Mono<Void> add(Message m) {
        GenericExecuteSpec spec = db.sql("WITH outbox_rows AS (INSERT INTO outbox_message " + COLUMNS + """
                         VALUES (:supplier, :customer, :kind, :subject, :status, :envelope, :title, :body,
                           :high, :campaign, :at, :expires)
                        RETURNING id, supplier_id, customer_account_id, created_at, expires_at)
                        """ + FAN_OUT)
                .bind("supplier", m.supplierId())
                .bind("customer", m.customerId())
                .bind("kind", m.kind().wire())
                .bind("subject", m.subjectId())
                .bind("title", m.title())
                .bind("body", m.body())
                .bind("high", m.highPriority())
                .bind("at", m.at())
                .bind("expires", m.expiresAt());
        spec = m.status() == null ? spec.bindNull("status", String.class) : spec.bind("status", m.status());
        spec = m.envelope() == null ? spec.bindNull("envelope", String.class) : spec.bind("envelope", m.envelope());
        spec = m.campaignId() == null ? spec.bindNull("campaign", UUID.class) : spec.bind("campaign", m.campaignId());
        return spec.fetch().rowsUpdated().then();
    }

    /** Many messages in one statement (a campaign's page); all of one supplier. */
    public Mono<Void> addAll(List<Message> messages) {
        if (messages.isEmpty()) {
            return Mono.empty();
        }
        return bindAll(db.sql("WITH " + BATCH + "SELECT (SELECT count(*) FROM outbox_deliveries) AS n"), messages)
                .bind("supplier", messages.get(0).supplierId())
                .fetch()
                .rowsUpdated()
                .then();
    }

    /**
     * Many messages written inside another statement, so they are written with the change they announce in one
     * round trip (the ledger's batch of codes): common table expressions named {@code outbox_rows} and
     * {@code outbox_deliveries}, taking {@code :supplier} and the parameters {@link #bindAll} binds, to follow the
     * caller's own after a comma. A method, not a constant, so the statement's text stays in this package, the
     * outbox's one writer. No messages: the expressions write nothing.
     */
    public static String batchInStatement() {
        return BATCH;
    }

    /** Binds the messages for {@link #batchInStatement} (all of the supplier the statement binds). */
    public static GenericExecuteSpec bindAll(GenericExecuteSpec spec, List<Message> messages) {
        int n = messages.size();
        String[] customers = new String[n];
        String[] kinds = new String[n];
        String[] subjects = new String[n];
        String[] statuses = new String[n];
        String[] envelopes = new String[n];
        String[] titles = new String[n];
        String[] bodies = new String[n];
        Boolean[] high = new Boolean[n];
        String[] campaigns = new String[n];
        String[] at = new String[n];
        String[] expires = new String[n];
        for (int i = 0; i < n; i++) {
            Message m = messages.get(i);
            customers[i] = m.customerId().toString();
            kinds[i] = m.kind().wire();
            subjects[i] = m.subjectId().toString();
            statuses[i] = m.status();
            envelopes[i] = m.envelope();
            titles[i] = m.title();
            bodies[i] = m.body();
            high[i] = m.highPriority();
            campaigns[i] = m.campaignId() == null ? null : m.campaignId().toString();
            at[i] = m.at().toString();
            expires[i] = m.expiresAt().toString();
        }
        return spec.bind("outboxCustomers", customers)
                .bind("outboxKinds", kinds)
                .bind("outboxSubjects", subjects)
                .bind("outboxStatuses", statuses)
                .bind("outboxEnvelopes", JoinedText.of(envelopes))
                .bind("outboxTitles", titles)
                .bind("outboxBodies", bodies)
                .bind("outboxHigh", high)
                .bind("outboxCampaigns", campaigns)
                .bind("outboxAt", at)
                .bind("outboxExpires", expires);
    }

    /** How long a message about something that ends at {@code end} may wait for a phone, within FCM's limit. */
    public static Instant expiry(Instant now, Instant end, Duration longest) {
        Instant cap = now.plus(longest);
        return end == null || end.isAfter(cap) ? cap : end;
    }
}
