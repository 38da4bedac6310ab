package uk.lifeline.backend.ledger;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import uk.lifeline.backend.auth.Role;
import uk.lifeline.code.CodeLayout;

/**
 * The rules for issuing codes, from configuration.
 *
 * @param expiry how long an issued code stays valid for the customer to use
 * @param counterWindow how far above the highest counter the meter is known to have accepted a new code may go:
 *     1 to 512, checked at start-up (GBCS meters rebuild counters within 512)
 * @param zone the time zone whose calendar day the per-day limits count
 * @param approvalCommands commands that always need a supervisor's approval (four eyes)
 * @param limits per role, how much credit one code and one meter in one day may carry without approval; a role
 *     with no entry needs approval for every top-up
 * @param expirySweep how often codes past their expiry are marked EXPIRED
 * @param batchSize at most how many concurrent issue requests share one transaction (docs/performance.md,
 *     "Backend issuing"); 1 gives each its own
 * @param batchesInFlight how many of one supplier's batches may run at once (one signs while another writes); 1
 *     runs them strictly one after another
 */
@ConfigurationProperties("lifeline.codes")
@Validated
public record IssuingProperties(
        Duration expiry,

        @Min(value = 1, message = WINDOW) @Max(value = CodeLayout.COUNTER_WINDOW, message = WINDOW)
        int counterWindow,

        ZoneId zone,
        List<String> approvalCommands,
        Map<Role, RoleLimits> limits,
        Duration expirySweep,
        @DefaultValue("64") @Min(1) @Max(1000) int batchSize,
        @DefaultValue("2") @Min(1) @Max(8) int batchesInFlight) {

    /** Why the counter window is checked at start-up. */
    static final String WINDOW = "must be between 1 and " + CodeLayout.COUNTER_WINDOW + ": a meter rebuilds a code's"
            + " counter only within " + CodeLayout.COUNTER_WINDOW + " above"
            + " the highest counter it has accepted, so with a larger window it would refuse codes as bad-mac and"
            + " count them towards its lockout";

    /** Top-up limits in pounds. */
    public record RoleLimits(BigDecimal topUpPerCode, BigDecimal topUpPerMeterPerDay) {}
}
