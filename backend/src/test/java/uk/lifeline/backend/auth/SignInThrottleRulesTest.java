package uk.lifeline.backend.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The sign-in counting rules across addresses, on a fixed clock: a guesser cannot lock the rightful user out. */
class SignInThrottleRulesTest {

    private final SignInThrottle throttle = new SignInThrottle(
            new SignInThrottleProperties(
                    5, 5, 20, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(15), 1000),
            Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC));

    private SignInThrottle.Decision fail(String user, String address) {
        return throttle.begin(user, address);
    }

    @Test
    void aThousandGuessesFromAnotherAddressNeverRefuseTheOwnersAddress() {
        for (int i = 0; i < 1000; i++) {
            fail("amy", "203.0.113." + (i % 200));
        }
        SignInThrottle.Decision owner = throttle.begin("amy", "10.0.0.7");
        assertThat(owner).isInstanceOf(SignInThrottle.Decision.Go.class);
        assertThat(((SignInThrottle.Decision.Go) owner).delay()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void thePairIsRefusedAfterItsLimitWithRetryAfter() {
        for (int i = 0; i < 5; i++) {
            assertThat(fail("amy", "203.0.113.9")).isInstanceOf(SignInThrottle.Decision.Go.class);
        }
        SignInThrottle.Decision refused = fail("AMY", "203.0.113.9");
        assertThat(refused).isInstanceOf(SignInThrottle.Decision.Refuse.class);
        assertThat(((SignInThrottle.Decision.Refuse) refused).retryAfter()).isEqualTo(Duration.ofMinutes(15));
        assertThat(fail("amy", "203.0.113.10")).isInstanceOf(SignInThrottle.Decision.Go.class);
    }

    @Test
    void theUsernameSlowdownDoublesUpToItsCap() {
        Duration previous = Duration.ZERO;
        for (int i = 0; i < 12; i++) {
            SignInThrottle.Decision.Go go = (SignInThrottle.Decision.Go) fail("sam", "198.51.100." + i);
            Duration expected = i < 5 ? Duration.ZERO : Duration.ofSeconds(Math.min(10, 1L << (i - 5)));
            assertThat(go.delay()).as("attempt %d", i).isEqualTo(expected);
            assertThat(go.delay()).isGreaterThanOrEqualTo(previous);
            previous = go.delay();
        }
    }

    @Test
    void aSuccessIsTakenBackAndClearsThePair() {
        for (int i = 0; i < 4; i++) {
            fail("cat", "192.0.2.1");
        }
        SignInThrottle.Decision.Go right = (SignInThrottle.Decision.Go) fail("cat", "192.0.2.1");
        throttle.succeeded(right.attempt());
        for (int i = 0; i < 5; i++) {
            assertThat(fail("cat", "192.0.2.1")).isInstanceOf(SignInThrottle.Decision.Go.class);
        }
    }
}
