package uk.lifeline.backend.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import uk.lifeline.forecast.ConsumptionEstimator;

/**
 * How long what was said to customers' phones, and the balances they read off their meters, are kept
 * (docs/backend-api.md, "Retention"). Immutable.
 *
 * @param messages how long an outbox message and its deliveries are kept once none of its deliveries is still
 *     waiting or being sent; a customer's copy of a notice is kept this long after the notice ended, and a retired
 *     phone's FCM token and name this long after it was retired
 * @param readings how long a balance read off a meter's display ({@code meter_reading}) is kept: at least the
 *     forecast's look-back ({@link ConsumptionEstimator#LOOKBACK}, 56 days), which is all it reads
 * @param batchSize rows deleted per statement, each its own transaction
 * @param every how often the sweep runs (it runs at once on start-up, and goes on batch after batch while a
 *     batch is full)
 * @param enabled false: this instance never deletes (another one does)
 */
@ConfigurationProperties("lifeline.retention")
public record RetentionProperties(
        @DefaultValue("90d") Duration messages,
        @DefaultValue("90d") Duration readings,
        @DefaultValue("5000") int batchSize,
        @DefaultValue("1h") Duration every,
        @DefaultValue("true") boolean enabled) {

    public RetentionProperties {
        if (messages.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("lifeline.retention.messages must be at least a day");
        }
        if (readings.compareTo(ConsumptionEstimator.LOOKBACK) < 0) {
            throw new IllegalArgumentException("lifeline.retention.readings must be at least the forecast's "
                    + ConsumptionEstimator.LOOKBACK.toDays() + " days of look-back");
        }
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("lifeline.retention.batch-size must be 1 to 100000");
        }
    }
}
