package uk.lifeline.backend.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

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
            FROM m JOIN push_device d ON d.supplier_id = m.supplier_id
              AND d.customer_account_id = m.customer_account_id AND d.retired_at IS NULL
            ORDER BY m.id, d.id
            """;

    private static final String COLUMNS = "(supplier_id, customer_account_id, kind, subject_id, status, envelope,"
            + " title, body, high_priority, campaign_id, created_at, expires_at)";

    private final DatabaseClient db;

    public Outbox(DatabaseClient db) {
        this.db = db;
    }

    /** A code is released (issued without approval, or approved): its envelope goes to the customer. */
    public Mono<Void> add(Message m) {
        GenericExecuteSpec spec = db.sql("WITH m AS (INSERT INTO outbox_message " + COLUMNS + """
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
        return db.sql("WITH m AS (INSERT INTO outbox_message " + COLUMNS + """
                         SELECT :supplier, c::uuid, k, s::uuid, st, e, t, b, h, cp::uuid, a::timestamptz,
                           x::timestamptz
                         FROM unnest(:customers::text[], :kinds::text[], :subjects::text[], :statuses::text[],
                           :envelopes::text[], :titles::text[], :bodies::text[], :high::boolean[],
                           :campaigns::text[], :at::text[], :expires::text[]) AS u(c, k, s, st, e, t, b, h, cp, a, x)
                        RETURNING id, supplier_id, customer_account_id, created_at, expires_at)
                        """ + FAN_OUT)
                .bind("supplier", messages.get(0).supplierId())
                .bind("customers", customers)
                .bind("kinds", kinds)
                .bind("subjects", subjects)
                .bind("statuses", statuses)
                .bind("envelopes", envelopes)
                .bind("titles", titles)
                .bind("bodies", bodies)
                .bind("high", high)
                .bind("campaigns", campaigns)
                .bind("at", at)
                .bind("expires", expires)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** How long a message about something that ends at {@code end} may wait for a phone, within FCM's limit. */
    public static Instant expiry(Instant now, Instant end, Duration longest) {
        Instant cap = now.plus(longest);
        return end == null || end.isAfter(cap) ? cap : end;
    }
}
