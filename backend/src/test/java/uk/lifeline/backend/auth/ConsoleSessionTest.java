package uk.lifeline.backend.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.MovableClock;
import uk.lifeline.backend.testing.Tenant;
import uk.lifeline.calendar.MeterTime;

/**
 * The console session behind the consoles' short tokens (issue 16): started with a staff token, its refresh
 * cookie HttpOnly, SameSite=Strict and scoped to its own path, rotated on each use, the one just replaced honoured
 * for the grace only, a later reuse revoking the session, sign-out ending it; every step audited.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import(MovableClock.Config.class)
// WebTestClient\'s expectBody(Map.class) answers raw Maps; this test reads a few keys from them.
@SuppressWarnings({"rawtypes", "unchecked"})
class ConsoleSessionTest extends BackendTest {

    private static final String PATH = "/api/v1/auth/console-session";

    @Autowired
    MovableClock clock;

    private Tenant t;

    @BeforeAll
    void tenant() {
        t = tenant("csess");
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** Signs in with a patient client: password checks are slow on a busy machine. */
    private String token(String role) {
        return (String) http.mutate()
                .responseTimeout(java.time.Duration.ofSeconds(60))
                .build()
                .post()
                .uri("/api/v1/auth/token")
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", t.username(role), "password", Tenant.PASSWORD))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("access_token");
    }

    private ResponseCookie start(String role) {
        String token = token(role);
        EntityExchangeResult<Map> started = http.post()
                .uri(PATH)
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult();
        assertThat(started.getResponseBody()).containsKey("session_expires_at");
        return started.getResponseCookies().getFirst(ConsoleSessionController.COOKIE);
    }

    private EntityExchangeResult<Map> refresh(String token) {
        return http.post()
                .uri(PATH + "/refresh")
                .cookie(ConsoleSessionController.COOKIE, token)
                .exchange()
                .expectBody(Map.class)
                .returnResult();
    }

    private long audited(String action) {
        return count("SELECT count(*) FROM audit_log WHERE supplier_id = '" + t.supplierId + "' AND entry LIKE '%\""
                + action + "\"%'");
    }

    @Test
    void theRefreshCookieIsHttpOnlyStrictAndSeenOnlyByItsPath() {
        ResponseCookie cookie = start("agent");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
        assertThat(cookie.getPath()).isEqualTo(PATH);
        assertThat(cookie.getMaxAge().toHours()).isBetween(11L, 12L);
        assertThat(count("SELECT count(*) FROM console_session WHERE current_hash = sha256(convert_to('"
                        + cookie.getValue() + "', 'UTF8'))"))
                .as("only the hash is stored")
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM console_session WHERE encode(current_hash, 'escape') LIKE '%"
                        + cookie.getValue() + "%'"))
                .isZero();
    }

    @Test
    void eachRenewalRotatesTheCookieAndGivesATokenTheApiTakes() {
        ResponseCookie first = start("agent");
        EntityExchangeResult<Map> renewed = refresh(first.getValue());
        assertThat(renewed.getStatus().value()).isEqualTo(200);
        assertThat(renewed.getResponseHeaders().getCacheControl()).isEqualTo("no-store");
        String token = (String) renewed.getResponseBody().get("access_token");
        ResponseCookie second = renewed.getResponseCookies().getFirst(ConsoleSessionController.COOKIE);
        assertThat(second.getValue()).isNotEqualTo(first.getValue()).hasSize(43);
        http.get()
                .uri("/api/v1/customers?q=LS6 2AB")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(refresh(second.getValue()).getStatus().value()).isEqualTo(200);
        assertThat(audited("console-session.renewed")).isGreaterThanOrEqualTo(2);
        assertThat(audited("console-session.started")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void twoTabsRenewingAtOnceBothGetATokenButOnlyOneNewCookie() {
        ResponseCookie first = start("supervisor");
        EntityExchangeResult<Map> a = refresh(first.getValue());
        EntityExchangeResult<Map> b = refresh(first.getValue());
        assertThat(a.getStatus().value()).isEqualTo(200);
        assertThat(b.getStatus().value()).isEqualTo(200);
        assertThat(b.getResponseBody()).containsKey("access_token");
        assertThat(b.getResponseCookies().getFirst(ConsoleSessionController.COOKIE))
                .as("the browser keeps a's")
                .isNull();
    }

    @Test
    void aReplacedCookieUsedAfterTheGraceRevokesTheWholeSession() {
        ResponseCookie first = start("agent");
        ResponseCookie second =
                refresh(first.getValue()).getResponseCookies().getFirst(ConsoleSessionController.COOKIE);
        clock.setLondon(LocalDateTime.now(MeterTime.ZONE).plusMinutes(2));
        assertThat(refresh(first.getValue()).getStatus().value())
                .as("a stolen copy")
                .isEqualTo(401);
        assertThat(refresh(second.getValue()).getStatus().value())
                .as("the rightful holder signs in again")
                .isEqualTo(401);
        assertThat(count("SELECT count(*) FROM console_session WHERE supplier_id = '" + t.supplierId
                        + "' AND revoked_reason = 'reused'"))
                .isEqualTo(1);
        assertThat(audited("console-session.ended")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void signingOutEndsTheSessionAndClearsTheCookie() {
        ResponseCookie cookie = start("ops");
        EntityExchangeResult<byte[]> out = http.delete()
                .uri(PATH)
                .cookie(ConsoleSessionController.COOKIE, cookie.getValue())
                .exchange()
                .expectStatus()
                .isNoContent()
                .expectBody()
                .returnResult();
        assertThat(out.getResponseCookies()
                        .getFirst(ConsoleSessionController.COOKIE)
                        .getMaxAge()
                        .isZero())
                .isTrue();
        assertThat(refresh(cookie.getValue()).getStatus().value()).isEqualTo(401);
        assertThat(count("SELECT count(*) FROM console_session WHERE supplier_id = '" + t.supplierId
                        + "' AND revoked_reason = 'signed-out'"))
                .isEqualTo(1);
    }

    @Test
    void aSessionEndsAtItsTimeHoweverOftenItIsRenewed() {
        ResponseCookie cookie = start("agent");
        clock.setLondon(LocalDateTime.now(MeterTime.ZONE).plusHours(13));
        assertThat(refresh(cookie.getValue()).getStatus().value()).isEqualTo(401);
    }

    @Test
    void customersAndStrangersCannotStartOrRenewOne() {
        http.post()
                .uri(PATH)
                .headers(h -> h.setBearerAuth(token("customer1")))
                .exchange()
                .expectStatus()
                .isForbidden();
        http.post().uri(PATH).exchange().expectStatus().isUnauthorized();
        for (String junk : List.of("", "x", "a".repeat(43), "%00".repeat(15), "b".repeat(5000))) {
            assertThat(refresh(junk).getStatus().value())
                    .as(junk.length() + " chars")
                    .isEqualTo(401);
        }
        http.post()
                .uri(PATH + "/refresh")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith("application/problem+json");
    }
}
