package uk.lifeline.backend.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long what was said to customers' phones is kept (docs/backend-api.md, "Retention"). Immutable.
 *
 * @param messages how long an outbox message and its deliveries are kept once none of its deliveries is still
 *     waiting or being sent; a customer's copy of a notice is kept this long after the notice ended
 * @param batchSize rows deleted per statement, each its own transaction
 * @param every how often the sweep runs (it runs at once on start-up, and goes on batch after batch while a
 *     batch is full)
 * @param enabled false: this instance never deletes (another one does)
 */
@ConfigurationProperties("lifeline.retention")
public record RetentionProperties(
        @DefaultValue("90d") Duration messages,
        @DefaultValue("5000") int batchSize,
        @DefaultValue("1h") Duration every,
        @DefaultValue("true") boolean enabled) {

    public RetentionProperties {
        if (messages.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("lifeline.retention.messages must be at least a day");
        }
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("lifeline.retention.batch-size must be 1 to 100000");
        }
    }
}
