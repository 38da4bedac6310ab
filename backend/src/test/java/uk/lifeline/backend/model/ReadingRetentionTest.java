package uk.lifeline.backend.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import uk.lifeline.backend.delivery.Eventually;
import uk.lifeline.backend.delivery.RetentionProperties;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;

/**
 * Balances read off displays are deleted by the retention loop once older than {@code lifeline.retention.readings}
 * (60 days here, every 300 ms, 10 a batch), and never the ones the forecast still reads.
 */
@TestPropertySource(
        properties = {
            "lifeline.retention.every=300ms",
            "lifeline.retention.readings=60d",
            "lifeline.retention.batch-size=10"
        })
class ReadingRetentionTest extends BackendTest {

    @Test
    void readingsOlderThanTheRetentionGoInBatchesAndTheForecastsLookBackStays() {
        Tenant t = tenant("rr");
        UUID device = db.sql("SELECT id FROM device WHERE supplier_id = :s AND eui64 = :m")
                .bind("s", t.supplierId)
                .bind("m", t.meter1)
                .map(r -> r.get(0, UUID.class))
                .one()
                .block();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (int i = 0; i < 25; i++) {
            reading(t, device, now.minus(Duration.ofDays(100)).plusSeconds(i));
        }
        reading(t, device, now.minus(Duration.ofDays(55)));
        reading(t, device, now.minus(Duration.ofDays(1)));
        String ours = "SELECT count(*) FROM meter_reading WHERE device_id = '" + device + "'";

        Eventually.until(() -> count(ours) == 2, Duration.ofSeconds(30));
        assertThat(count(ours + " AND read_at > now() - interval '56 days'")).isEqualTo(2);
    }

    @Test
    void aRetentionShorterThanTheForecastsLookBackIsRefusedAtStart() {
        assertThatThrownBy(() -> new RetentionProperties(
                        Duration.ofDays(90), Duration.ofDays(30), 5000, Duration.ofHours(1), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lifeline.retention.readings must be at least the forecast's 56 days of look-back");
    }

    private void reading(Tenant t, UUID device, Instant at) {
        db.sql("""
                        INSERT INTO meter_reading (supplier_id, device_id, read_at, position_pence, reported_by)
                        VALUES (:s, :d, :at, 1000, :by)
                        """)
                .bind("s", t.supplierId)
                .bind("d", device)
                .bind("at", at)
                .bind("by", t.userId("agent"))
                .fetch()
                .rowsUpdated()
                .block();
    }
}
