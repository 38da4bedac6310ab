package uk.lifeline.backend.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.Select;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/**
 * The console's session on a busy shift (issue 16), with tokens of 125 s so the renewal two minutes before the end
 * comes five seconds after each one: renewed in the middle of a read-out without moving the marker, shared by a
 * new tab without a password, a half-filled issue form kept, a revoked session shown in a banner while the read-out
 * stays on screen, and sign-out ending the session on the server.
 */
@TestPropertySource(properties = {"lifeline.demo.enabled=true", "lifeline.auth.token-ttl=125s"})
class ConsoleSessionBrowserTest extends BrowserTest {

    private static final String CAROL_ELECTRICITY = ConsoleBrowserTest.CAROL_ELECTRICITY;

    @Test
    void theSessionIsRenewedInTheMiddleOfAReadOutAndTheMarkerStaysWhereItWas() {
        UUID code = issue(
                "amy.agent",
                "change-time-of-use-price",
                Map.of(
                        "peak-rate",
                        "30",
                        "off-peak-rate",
                        "12.5",
                        "off-peak-start",
                        "23:30",
                        "off-peak-end",
                        "06:30",
                        "standing-charge",
                        "55"));
        browser.signIn("amy.agent", PASSWORD);
        assertThat(browser.js("return document.cookie"))
                .as("the refresh cookie is out of script's reach")
                .asString()
                .doesNotContain("lifeline_console_session");
        browser.go("/console/readout.html?code=" + code);
        browser.visible("#digits .g-digits");
        browser.clickable("#next-group").click();
        browser.clickable("#next-group").click();
        browser.waitForText("#progress-text", "Group 3 of 5");
        String before = token();
        long renewalsBefore = audited("console-session.renewed");
        browser.waiting(30).until(d -> !before.equals(token()));
        assertThat(browser.driver.getCurrentUrl()).contains("/console/readout.html");
        assertThat(browser.text("#progress-text")).startsWith("Group 3 of 5");
        assertThat(browser.text("#block-title")).isEqualTo("Block 1 of 3");
        assertThat(browser.driver
                        .findElement(org.openqa.selenium.By.id("session-banner"))
                        .isDisplayed())
                .isFalse();
        assertThat(audited("console-session.renewed")).isGreaterThan(renewalsBefore);
        // The page goes on working with the renewed token: the status is polled again.
        browser.waitForText("#code-status", "issued");
        assertAccessible("read-out after a renewal");

        // Reloading (as after signing in again) comes back to the same group.
        browser.driver.navigate().refresh();
        browser.waitForText("#progress-text", "Group 3 of 5");
    }

    @Test
    void aNewTabSharesTheSessionAndAHalfFilledFormSurvives() {
        browser.signIn("amy.agent", PASSWORD);
        browser.go("/console/agent.html#q=LS6%202AB");
        browser.clickable("#customer li[data-meter='" + CAROL_ELECTRICITY + "'] button")
                .click();
        new Select(browser.visible("#issue-command")).selectByValue("top-up");
        browser.visible("#param-amount").sendKeys("12.50");
        browser.visible("#issue-reason").sendKeys("customer rang mid-shift");
        String home = browser.driver.getWindowHandle();
        browser.driver.switchTo().newWindow(WindowType.TAB);
        try {
            browser.go("/console/ops.html");
            // No password asked: the new tab takes its own token from the browser's session (an agent is sent home).
            browser.visible("#signed-in-as");
            assertThat(browser.text("#signed-in-as")).startsWith("amy.agent");
            assertThat(browser.driver.getCurrentUrl()).contains("/console/agent.html");
            assertThat(browser.storage().get("local"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .isEmpty();
        } finally {
            browser.driver.close();
            browser.driver.switchTo().window(home);
        }
        browser.driver.navigate().refresh();
        browser.clickable("#customer li[data-meter='" + CAROL_ELECTRICITY + "'] button")
                .click();
        assertThat(browser.visible("#param-amount").getAttribute("value")).isEqualTo("12.50");
        assertThat(browser.visible("#issue-reason").getAttribute("value")).isEqualTo("customer rang mid-shift");
    }

    @Test
    void aRevokedSessionIsShownInABannerAndTheReadOutStaysOnScreen() {
        UUID code = issue("amy.agent", "top-up", Map.of("amount", "4.00"));
        browser.signIn("amy.agent", PASSWORD);
        browser.go("/console/readout.html?code=" + code);
        browser.visible("#digits .g-digits");
        String digits = browser.text("#digits");
        db.sql("UPDATE console_session SET revoked_at = now(), revoked_reason = 'revoked' WHERE revoked_at IS NULL")
                .fetch()
                .rowsUpdated()
                .block();
        browser.waiting(30).until(d -> browser.visible("#session-banner").isDisplayed());
        assertThat(browser.text("#session-banner"))
                .contains("Your session is ending")
                .contains("Sign in again in a new tab");
        assertThat(browser.driver.getCurrentUrl()).contains("/console/readout.html");
        assertThat(browser.text("#digits")).isEqualTo(digits);
        assertAccessible("read-out with the session banner");
        browser.screenshot("session-banner", 900);
    }

    @Test
    void signingOutEndsTheSessionOnTheServerAndInEveryTab() {
        browser.signIn("sam.supervisor", PASSWORD);
        browser.clickable("#sign-out").click();
        browser.visible("#username");
        assertThat(count("SELECT count(*) FROM console_session s JOIN app_user u ON u.id = s.user_id"
                        + " WHERE u.username = 'sam.supervisor' AND s.revoked_reason = 'signed-out'"))
                .isGreaterThanOrEqualTo(1);
        browser.go("/console/agent.html");
        browser.visible("#username");
        assertThat(browser.driver.getCurrentUrl()).contains("why=signin");
    }

    private String token() {
        return String.valueOf(browser.js("return sessionStorage.getItem('lifeline.console.token')"));
    }

    private long audited(String action) {
        return count("SELECT count(*) FROM audit_log WHERE entry LIKE '%\"" + action + "\"%'");
    }

    private UUID issue(String username, String command, Map<String, String> parameters) {
        Map<?, ?> body = http.mutate()
                .responseTimeout(Duration.ofSeconds(60))
                .build()
                .post()
                .uri("/api/v1/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", PASSWORD))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        Map<?, ?> code = issue((String) body.get("access_token"), CAROL_ELECTRICITY, command, parameters)
                .expectStatus()
                .is2xxSuccessful()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return UUID.fromString((String) code.get("id"));
    }
}
