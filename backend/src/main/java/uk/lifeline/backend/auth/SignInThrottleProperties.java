package uk.lifeline.backend.auth;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How {@code POST /api/v1/auth/token} resists password guessing without letting a guesser lock anyone out
 * (docs/backend-api.md "Sign-in limits").
 *
 * @param perPair failed attempts for one username from one client address within {@code window}; past it that
 *     pair (only) is answered 429 until the oldest failure leaves the window
 * @param perUsername failed attempts for one username (from any address) within {@code window} before each
 *     further attempt for it is slowed down; the right password still succeeds, after the delay
 * @param perAddress failed attempts from one address (for any usernames) before its attempts are slowed down
 * @param firstDelay the delay once a count is past its limit; it doubles with each further failure
 * @param mostDelay the longest delay
 * @param window how far back failures count
 * @param capacity how many usernames, addresses and pairs are tracked at once; past it the oldest are forgotten
 */
@ConfigurationProperties("lifeline.auth.sign-in-limits")
@Validated
public record SignInThrottleProperties(
        @DefaultValue("5") @Min(1) int perPair,
        @DefaultValue("5") @Min(1) int perUsername,
        @DefaultValue("20") @Min(1) int perAddress,
        @DefaultValue("1s") Duration firstDelay,
        @DefaultValue("10s") Duration mostDelay,
        @DefaultValue("15m") Duration window,
        @DefaultValue("100000") @Min(100) int capacity) {}
