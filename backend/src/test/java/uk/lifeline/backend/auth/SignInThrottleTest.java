package uk.lifeline.backend.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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

/** Sign-in is limited per username (3 failures here) and per client address (6 here), with 429 and Retry-After. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {"lifeline.auth.sign-in-limits.per-username=3",
        "lifeline.auth.sign-in-limits.per-address=6", "lifeline.auth.sign-in-limits.window=10m"})
class SignInThrottleTest extends BackendTest {

    @Autowired SignInThrottle throttle;
    private Tenant t;

    @BeforeAll
    void tenant() {
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
        response.expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, v -> assertThat(Long.parseLong(v)).isBetween(1L, 600L))
                .expectBody().jsonPath("$.type").isEqualTo("urn:lifeline:problem:too-many-attempts")
                .jsonPath("$.status").isEqualTo(429)
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("try again in"));
    }

    @Test
    void afterThreeWrongPasswordsEvenTheRightOneWaitsButOtherUsersDoNot() {
        String agent = t.username("agent");
        for (int i = 0; i < 3; i++) {
            signIn(agent, "wrong-" + i).expectStatus().isUnauthorized();
        }
        tooMany(signIn(agent, Tenant.PASSWORD));
        tooMany(signIn(agent.toUpperCase(), "wrong"));
        signIn(t.username("agent2"), Tenant.PASSWORD).expectStatus().isOk();
    }

    @Test
    void aSuccessfulSignInClearsTheUsernamesFailures() {
        String agent = t.username("supervisor");
        signIn(agent, "wrong").expectStatus().isUnauthorized();
        signIn(agent, "wrong").expectStatus().isUnauthorized();
        signIn(agent, Tenant.PASSWORD).expectStatus().isOk();
        signIn(agent, "wrong").expectStatus().isUnauthorized();
        signIn(agent, "wrong").expectStatus().isUnauthorized();
        signIn(agent, Tenant.PASSWORD).expectStatus().isOk();
    }

    @Test
    void oneAddressTryingManyUsernamesIsStoppedToo() {
        for (int i = 0; i < 6; i++) {
            signIn("nobody-" + i, "guess").expectStatus().isUnauthorized();
        }
        tooMany(signIn("nobody-else", "guess"));
        tooMany(signIn(t.username("ops"), Tenant.PASSWORD));
    }

    @Test
    void aBurstOfParallelGuessesGetsNoMoreThanTheLimitChecked() {
        String agent = t.username("admin");
        List<CompletableFuture<Integer>> burst = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String guess = "guess-" + i;
            burst.add(CompletableFuture.supplyAsync(() -> signIn(agent, guess).returnResult(String.class)
                    .getStatus().value()));
        }
        List<Integer> statuses = burst.stream().map(CompletableFuture::join).toList();
        assertThat(statuses).filteredOn(s -> s == 401).hasSize(3);
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(9);
    }
}
