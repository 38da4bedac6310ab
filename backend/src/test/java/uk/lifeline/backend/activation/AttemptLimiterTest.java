package uk.lifeline.backend.activation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Activation failures are counted per address and per customer, never for everyone; successes never count. */
class AttemptLimiterTest {

    private final AttemptLimiter limiter = new AttemptLimiter(
            new ActivationProperties(
                    Duration.ofDays(14), Duration.ofDays(180), 10, 10, Duration.ofMinutes(15), Map.of()),
            Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void aThousandFailuresFromManyAddressesDoNotStopAnotherAddress() {
        for (int i = 0; i < 1000; i++) {
            String address = "203.0.113." + (i % 250);
            assertThat(limiter.mayTry(address)).isTrue();
            limiter.failed(address);
        }
        assertThat(limiter.mayTry("10.0.0.7")).isTrue();
    }

    @Test
    void anAddressPastItsFailuresWaitsButSuccessesNeverCount() {
        for (int i = 0; i < 50; i++) {
            assertThat(limiter.mayTry("192.0.2.1")).as("success %d", i).isTrue();
        }
        for (int i = 0; i < 10; i++) {
            limiter.failed("192.0.2.1");
        }
        assertThat(limiter.mayTry("192.0.2.1")).isFalse();
        assertThat(limiter.secondsLeft()).isBetween(1L, 900L);
    }

    @Test
    void aCustomersStaleCodesTriedTooOftenAreRefusedForThatCustomerOnly() {
        UUID carol = UUID.randomUUID();
        for (int i = 0; i < 10; i++) {
            limiter.failedFor(carol);
        }
        assertThat(limiter.mayTryStale(carol)).isFalse();
        assertThat(limiter.mayTryStale(UUID.randomUUID())).isTrue();
    }
}
