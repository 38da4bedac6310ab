package uk.lifeline.backend.issuing;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import uk.lifeline.backend.auth.Role;

/**
 * The rules for issuing codes, from configuration.
 *
 * @param expiry how long an issued code stays valid for the customer to use
 * @param counterWindow how far above the highest counter the meter is known to have accepted a new code may go
 *     (GBCS meters rebuild counters within 512)
 * @param zone the time zone whose calendar day the per-day limits count
 * @param approvalCommands commands that always need a supervisor's approval (four eyes)
 * @param limits per role, how much credit one code and one meter in one day may carry without approval; a role
 *     with no entry needs approval for every top-up
 * @param expirySweep how often codes past their expiry are marked EXPIRED
 */
@ConfigurationProperties("lifeline.codes")
public record IssuingProperties(Duration expiry, int counterWindow, ZoneId zone, List<String> approvalCommands,
        Map<Role, RoleLimits> limits, Duration expirySweep) {

    /** Top-up limits in pounds. */
    public record RoleLimits(BigDecimal topUpPerCode, BigDecimal topUpPerMeterPerDay) {}
}
