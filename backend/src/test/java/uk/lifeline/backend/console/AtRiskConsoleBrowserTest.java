package uk.lifeline.backend.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The at-risk page in a real browser on the demo data: the PSR customer running out heads the list with her
 * reasons and window, an agent records a contact and asks for support credit above their limit (it waits for a
 * supervisor), and a supervisor sees the proposals and the month's figures.
 */
@TestPropertySource(properties = {"lifeline.demo.enabled=true", "lifeline.demo.bench-meters=0"})
class AtRiskConsoleBrowserTest extends BrowserTest {

    @Test
    void anAgentActsOnTheListWhoseFirstEntryIsThePsrCustomerRunningOut() {
        browser.signIn("amy.agent", PASSWORD);
        browser.clickable(".site-header nav a[href='/console/at-risk.html']").click();
        browser.waitForText("#list-status", "on the Priority Services Register");
        String first = "#risk-items > li:first-child";
        assertThat(browser.visible(first).getText())
                .contains("1. Carol Jones")
                .contains("00DB1234567800A2")
                .contains("Priority Services Register")
                .contains("emergency credit in use")
                .contains("Runs out between")
                .containsPattern("GMT|BST");
        browser.screenshot("at-risk");
        assertAccessible("at-risk");

        browser.visible(first + " input[name='note']").sendKeys("rang, talked through the button");
        browser.clickable(first + " form:nth-of-type(1) button").click();
        browser.waitForText(first + " p[role='status']", "Contact recorded");

        var amount = browser.visible(first + " input[name='amount']");
        amount.clear();
        amount.sendKeys("60.00");
        browser.visible(first + " input[name='reason']").sendKeys("PSR, oxygen at home");
        browser.clickable(first + " form:nth-of-type(2) button").click();
        browser.waitForText(first + " p[role='status']", "waiting for a supervisor");

        browser.width(360, 780);
        assertFits("at-risk");
    }

    @Test
    void aSupervisorSeesTheProposalsAndTheFigures() {
        browser.signIn("sam.supervisor", PASSWORD);
        browser.go("/console/at-risk.html");
        browser.waitForText("#list-status", "at risk");
        browser.waitForText("#figures-list", "detected meters");
        assertThat(browser.visible("#figures-csv").getAttribute("download")).startsWith("at-risk-");
        browser.clickable("#propose").click();
        browser.waitForText("#proposals-status", "proposal");
        assertAccessible("at-risk (supervisor)");
    }
}
