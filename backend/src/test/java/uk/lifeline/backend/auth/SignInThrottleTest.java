package uk.lifeline.backend.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;

/**
 * Sign-in limits over HTTP (every test request comes from one address, 127.0.0.1): past 3 failures for a
 * username from this address that pair is refused with 429 and Retry-After; a username past its slowdown limit is
 * slowed, not refused (tiny delays here). Counting across addresses: {@link SignInThrottleRulesTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(
        properties = {
            "lifeline.auth.sign-in-limits.per-pair=3",
            "lifeline.auth.sign-in-limits.per-username=2",
            "lifeline.auth.sign-in-limits.per-address=50",
            "lifeline.auth.sign-in-limits.first-delay=10ms",
            "lifeline.auth.sign-in-limits.most-delay=40ms",
            "lifeline.auth.sign-in-limits.window=10m"
        })
class SignInThrottleTest extends BackendTest {

    @Autowired
    SignInThrottle throttle;

    private Tenant t;

    @BeforeAll
    void tenant() {
        http = http.mutate().responseTimeout(Duration.ofSeconds(60)).build();
        t = tenant("throttle");
    }

    @BeforeEach
    void forget() {
        throttle.clear();
    }

    private WebTestClient.ResponseSpec signIn(String username, String password) {
        return post(null, "/api/v1/auth/token", Map.of("username", username, "password", password));
    }

    private static void tooMany(WebTestClient.ResponseSpec response) {
        response.expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .value(HttpHeaders.RETRY_AFTER, v -> assertThat(Long.parseLong(v))
                        .isBetween(1L, 600L))
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:too-many-attempts")
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).contains("try again in"));
    }

    @Test
    void pastThePairLimitTheGuessersAddressIsRefusedForThatUsernameOnly() {
        String agent = t.username("agent");
        for (int i = 0; i < 3; i++) {
            signIn(agent, "wrong-" + i).expectStatus().isUnauthorized();
        }
        tooMany(signIn(agent, "wrong"));
        tooMany(signIn(agent.toUpperCase(), "wrong"));
        signIn(t.username("agent2"), Tenant.PASSWORD).expectStatus().isOk();
    }

    @Test
    void pastTheUsernameLimitTheRightPasswordStillSignsIn() {
        String supervisor = t.username("supervisor");
        signIn(supervisor, "wrong").expectStatus().isUnauthorized();
        signIn(supervisor, "wrong").expectStatus().isUnauthorized();
        // Over per-username (2): slowed down, not refused; the right password works.
        signIn(supervisor, Tenant.PASSWORD).expectStatus().isOk();
        signIn(supervisor, "wrong").expectStatus().isUnauthorized();
        signIn(supervisor, Tenant.PASSWORD).expectStatus().isOk();
    }

    @Test
    void successesAreNeverCounted() {
        for (int i = 0; i < 10; i++) {
            signIn(t.username("ops"), Tenant.PASSWORD).expectStatus().isOk();
        }
    }
}
