package uk.lifeline.backend.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;

/**
 * The retention sweep on the real PostgreSQL: old messages whose deliveries are all finished go with their
 * deliveries, in bounded batches; a message with a delivery still waiting or being sent stays however old; newer
 * ones stay; customers' copies of long-ended notices go unless their campaign still runs; phones retired long ago
 * lose their tokens and names, and keep their rows and deliveries. The sweep on its own
 * loop (every 300 ms, keeping 100 days) and called directly with other cutoffs. Campaign workers are off, so the
 * campaign rows made here stay as they are.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(
        properties = {
            "lifeline.retention.every=300ms",
            "lifeline.retention.messages=100d",
            "lifeline.retention.batch-size=10",
            "lifeline.campaigns.enabled=false"
        })
class DeliveryRetentionTest extends BackendTest {

    @Autowired
    DeliveryRetention retention;

    private Tenant t;
    private UUID phone;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @BeforeAll
    void tenant() {
        t = tenant("rt");
        phone = UUID.randomUUID();
        db.sql("""
                        INSERT INTO push_device (id, supplier_id, customer_account_id, installation, token, platform,
                          registered_at) VALUES (:id, :s, :c, :i, :token, 'android', :at)
                        """)
                .bind("id", phone)
                .bind("s", t.supplierId)
                .bind("c", t.customer1)
                .bind("i", UUID.randomUUID())
                .bind("token", "rt-" + phone)
                .bind("at", now.minus(Duration.ofDays(300)))
                .fetch()
                .rowsUpdated()
                .block();
    }

    /**
     * An outbox message made {@code days} ago, with one delivery to the phone in each of {@code states}, in one
     * statement (as the outbox writes them), so the running sweep never sees the message without its deliveries.
     */
    private long message(int days, String... states) {
        Instant at = now.minus(Duration.ofDays(days));
        return db.sql("""
                        WITH m AS (
                          INSERT INTO outbox_message (supplier_id, customer_account_id, kind, subject_id, status,
                            envelope, title, body, high_priority, created_at, expires_at)
                          VALUES (:s, :c, 'code', :subject, 'ISSUED', 'e', 't', 'b', false, :at, :expires)
                          RETURNING id),
                        d AS (
                          INSERT INTO push_delivery (message_id, supplier_id, device_id, state, next_attempt_at,
                            expires_at, created_at)
                          SELECT m.id, :s, :d, u.state, :at, :expires, :at FROM m, unnest(:states::text[]) AS u(state))
                        SELECT id FROM m
                        """)
                .bind("s", t.supplierId)
                .bind("c", t.customer1)
                .bind("subject", UUID.randomUUID())
                .bind("at", at)
                .bind("expires", at.plus(Duration.ofDays(28)))
                .bind("d", phone)
                .bind("states", states)
                .map(row -> row.get("id", Long.class))
                .one()
                .block();
    }

    private long messages(long id) {
        return count("SELECT count(*) FROM outbox_message WHERE id = " + id);
    }

    private long deliveries(long id) {
        return count("SELECT count(*) FROM push_delivery WHERE message_id = " + id);
    }

    /** A notice that ended {@code days} ago, signed for both customers; with a campaign in {@code status}. */
    private UUID notice(int days, String campaignStatus) {
        UUID id = UUID.randomUUID();
        Instant end = now.minus(Duration.ofDays(days));
        db.sql("""
                        INSERT INTO notice (id, supplier_id, title, message, reason, area, starts_at, ends_at,
                          created_by, created_at)
                        VALUES (:id, :s, 't', 'm', 'r', '{"all":true}'::jsonb, :from, :end, :by, :from)
                        """)
                .bind("id", id)
                .bind("s", t.supplierId)
                .bind("from", end.minus(Duration.ofDays(3)))
                .bind("end", end)
                .bind("by", t.userId("ops"))
                .fetch()
                .rowsUpdated()
                .block();
        for (UUID customer : new UUID[] {t.customer1, t.customer2}) {
            db.sql("""
                            INSERT INTO customer_notice (notice_id, supplier_id, customer_account_id, envelope, ends_at,
                              created_at) VALUES (:n, :s, :c, 'e', :end, :end)
                            """)
                    .bind("n", id)
                    .bind("s", t.supplierId)
                    .bind("c", customer)
                    .bind("end", end)
                    .fetch()
                    .rowsUpdated()
                    .block();
        }
        db.sql("""
                        INSERT INTO campaign (id, supplier_id, kind, notice_id, command, parameters, area, reason,
                          status, total, created_by, created_at)
                        VALUES (:id, :s, 'NOTICE', :n, 'non-disconnect', '{}'::jsonb, '{"all":true}'::jsonb, 'r',
                          :status, 2, :by, :at)
                        """)
                .bind("id", UUID.randomUUID())
                .bind("s", t.supplierId)
                .bind("n", id)
                .bind("status", campaignStatus)
                .bind("by", t.userId("ops"))
                .bind("at", end.minus(Duration.ofDays(3)))
                .fetch()
                .rowsUpdated()
                .block();
        return id;
    }

    private long copies(UUID notice) {
        return count("SELECT count(*) FROM customer_notice WHERE notice_id = '" + notice + "'");
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        Eventually.until(condition, Duration.ofSeconds(30));
    }

    @Test
    @Order(1)
    void eachStepDeletesAtMostABatchAndASweepGoesOnUntilNothingIsLeft() {
        long[] old = new long[25];
        for (int i = 0; i < old.length; i++) {
            old[i] = message(50, "SENT");
        }
        long kept = message(30, "SENT");
        String ours = "SELECT count(*) FROM outbox_message WHERE id BETWEEN " + old[0] + " AND " + kept;
        Instant cutoff = now.minus(Duration.ofDays(40));

        assertThat(retention.step(cutoff).block()).isEqualTo(10);
        assertThat(count(ours)).isEqualTo(16);
        assertThat(count("SELECT count(*) FROM push_delivery WHERE message_id BETWEEN " + old[0] + " AND " + kept))
                .isEqualTo(16);
        assertThat(retention.sweep(cutoff).block()).isEqualTo(15);
        assertThat(count(ours)).isOne();
        assertThat(messages(kept)).isOne();
        assertThat(retention.step(cutoff).block()).isZero();
    }

    /** A phone of customer 2 retired {@code days} ago, with a name, and a delivery to it. */
    private UUID phone(int days) {
        UUID id = UUID.randomUUID();
        db.sql("""
                        INSERT INTO push_device (id, supplier_id, customer_account_id, installation, token, platform,
                          name, registered_at, retired_at, retired_reason)
                        VALUES (:id, :s, :c, :i, :token, 'android', 'Kitchen tablet', :at,
                          :now - make_interval(days => :days), 'replaced by a newer token')
                        """)
                .bind("id", id)
                .bind("s", t.supplierId)
                .bind("c", t.customer2)
                .bind("i", UUID.randomUUID())
                .bind("token", "rt-" + id)
                .bind("at", now.minus(Duration.ofDays(300)))
                .bind("now", now)
                .bind("days", days)
                .fetch()
                .rowsUpdated()
                .block();
        db.sql("""
                        WITH m AS (
                          INSERT INTO outbox_message (supplier_id, customer_account_id, kind, subject_id, status,
                            envelope, title, body, high_priority, created_at, expires_at)
                          VALUES (:s, :c, 'code', :subject, 'ISSUED', 'e', 't', 'b', false, :at, :at)
                          RETURNING id)
                        INSERT INTO push_delivery (message_id, supplier_id, device_id, state, next_attempt_at,
                          expires_at, created_at)
                        SELECT m.id, :s, :d, 'SENT', :at, :at, :at FROM m
                        """)
                .bind("s", t.supplierId)
                .bind("c", t.customer2)
                .bind("subject", UUID.randomUUID())
                .bind("at", now.minus(Duration.ofDays(1)))
                .bind("d", id)
                .fetch()
                .rowsUpdated()
                .block();
        return id;
    }

    private long withToken(UUID phone) {
        return count("SELECT count(*) FROM push_device WHERE token IS NOT NULL AND name IS NOT NULL AND id = '" + phone
                + "'");
    }

    @Test
    @Order(2)
    void aPhoneRetiredLongerThanMessagesAreKeptLosesItsTokenAndNameButKeepsItsDeliveries() {
        UUID longRetired = phone(101);
        UUID lately = phone(99);
        UUID live = phone(0);
        db.sql("UPDATE push_device SET retired_at = NULL, retired_reason = NULL WHERE id = :id")
                .bind("id", live)
                .fetch()
                .rowsUpdated()
                .block();

        // The loop keeps 100 days.
        await(() -> withToken(longRetired) == 0);
        assertThat(count("SELECT count(*) FROM push_device WHERE id = '" + longRetired + "'"))
                .isOne();
        assertThat(count("SELECT count(*) FROM push_delivery WHERE device_id = '" + longRetired + "'"))
                .isOne();
        assertThat(withToken(lately)).isOne();
        assertThat(withToken(live)).isOne();
    }
}
