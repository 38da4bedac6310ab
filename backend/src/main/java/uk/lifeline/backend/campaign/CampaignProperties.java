package uk.lifeline.backend.campaign;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How campaigns run.
 *
 * @param pageSize meters claimed and coded in one transaction
 * @param workers pages in flight at once on this instance (each holds one database connection)
 * @param pollInterval how often an idle worker looks for work
 * @param enabled whether this instance works on campaigns at all (an API-only instance may not)
 * @param primeSecrets whether idle workers derive and keep meters' shared secrets ahead of any campaign
 * @param primeRest how long after one idle worker starts a pass from the supplier's first meter (a pass reads every
 *     meter of the supplier) before any worker of this instance starts another; meters added in between wait for
 *     it, or have their secret derived by the campaign that meets them
 */
@ConfigurationProperties("lifeline.campaigns")
public record CampaignProperties(
        @DefaultValue("500") int pageSize,
        @DefaultValue("2") int workers,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("true") boolean enabled,
        @DefaultValue("true") boolean primeSecrets,
        @DefaultValue("1m") Duration primeRest) {}
