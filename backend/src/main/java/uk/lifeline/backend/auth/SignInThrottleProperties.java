package uk.lifeline.backend.auth;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many failed sign-ins {@code POST /api/v1/auth/token} takes before it answers 429 for a while.
 *
 * @param perUsername failed attempts for one username within {@code window} (whatever address they come from)
 * @param perAddress failed attempts from one client address within {@code window} (whatever usernames they name)
 * @param window how far back failures count; the oldest one leaving it lets the next attempt in
 * @param capacity how many usernames and addresses are tracked at once; past it the oldest are forgotten
 */
@ConfigurationProperties("lifeline.auth.sign-in-limits")
@Validated
public record SignInThrottleProperties(@DefaultValue("5") @Min(1) int perUsername,
        @DefaultValue("20") @Min(1) int perAddress, @DefaultValue("15m") Duration window,
        @DefaultValue("100000") @Min(100) int capacity) {}
