package uk.lifeline.backend.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.test.context.TestPropertySource;
import uk.lifeline.backend.testing.BackendTest;

/**
 * The agent console in a real Chromium against the running backend and its demo data (two suppliers; Carol
 * Jones of Bright Energy has meters without the WAN). One browser and one application for the whole class.
 */
@TestPropertySource(properties = "lifeline.demo.enabled=true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest extends BackendTest {

    static final String PASSWORD = "demo-password";
    private Browser browser;

    @BeforeAll
    void openBrowser() {
        assumeTrue(Files.isExecutable(Browser.CHROMIUM) && Files.isExecutable(Browser.CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (.ci/run installs them)");
        browser = Browser.open(port);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void desktop() {
        browser.width(Browser.DESKTOP.width, Browser.DESKTOP.height);
    }

    private void search(String q) {
        WebElement box = browser.visible("#q");
        box.clear();
        box.sendKeys(q);
        browser.clickable("#search-button").click();
        browser.visible("#results-heading");
    }

    private void openMeter(String meterId) {
        browser.clickable("#customer li[data-meter='" + meterId + "'] button").click();
        browser.visible("#issue-form");
        browser.visible("#history tbody tr");
    }

    private void fillIssueForm(String command, Map<String, String> parameters, String reason) {
        new Select(browser.visible("#issue-command")).selectByValue(command);
        parameters.forEach((name, value) -> {
            WebElement input = browser.visible("#param-" + name);
            if ("select".equals(input.getTagName())) {
                new Select(input).selectByValue(value);
            } else {
                input.clear();
                input.sendKeys(value);
            }
        });
        WebElement why = browser.visible("#issue-reason");
        why.clear();
        why.sendKeys(reason);
    }

    private void assertAccessible(String page) {
        assertThat(browser.accessibilityProblems()).as("accessibility of " + page).isEmpty();
    }

    private String codeIdInUrl() {
        return browser.driver.getCurrentUrl().replaceAll(".*[?&]code=([0-9a-f-]{36}).*", "$1");
    }

    private String storedDigits(String codeId) {
        return db.sql("SELECT digits FROM code WHERE id = :id").bind("id", java.util.UUID.fromString(codeId))
                .map(r -> r.get("digits", String.class)).one().block();
    }

    @Test
    void anAgentSignsInFindsANoWanCustomerIssuesATopUpAndSeesTheDigits() {
        browser.signedOut();
        assertAccessible("sign-in");
        browser.screenshot("signin");
        browser.signIn("amy.agent", PASSWORD);
        assertThat(browser.driver.getCurrentUrl()).contains("/console/agent.html");

        search("LS6 2AB");
        browser.waitForText("#customer-heading", "Carol Jones");
        WebElement meter = browser.visible("#customer li[data-meter='00DB1234567800A1']");
        assertThat(meter.getText()).contains("no WAN");
        openMeter("00DB1234567800A1");
        browser.waitForText("#meter-model", "Balance");

        fillIssueForm("top-up", Map.of("amount", "20.00"), "customer rang: no WAN");
        browser.clickable("#preview-button").click();
        browser.visible("#preview-effect");
        assertThat(browser.visible("#preview-panel").getText())
                .contains("20-digit code").contains("Balance").contains("Where the £20.00 goes");
        assertAccessible("agent with a preview");
        browser.screenshot("agent-preview");

        browser.clickable("#issue-button").click();
        browser.visible("#digits .group");
        List<WebElement> groups = browser.all("#digits .g-digits");
        assertThat(groups).hasSize(5).allSatisfy(g -> assertThat(g.getText()).matches("[0-9]{4}"));
        String shown = String.join("", groups.stream().map(WebElement::getText).toList());
        assertThat(shown).isEqualTo(storedDigits(codeIdInUrl()));
        assertThat(browser.visible("#block-title").getText()).isEqualTo("Block 1 of 1");
        assertThat(browser.visible("#code-status").getText()).contains("issued");
        assertAccessible("read-out");
        browser.screenshot("readout");

        browser.clickable("#next-group").click();
        browser.waitForText("#progress-text", "Group 2 of 5");
        assertThat(browser.all("#digits .group.done")).hasSize(1);
        browser.clickable("#copy-code").click();
        browser.waitForText("#copy-status", "Copied 20 digits");

        browser.clickable("#back-link").click();
        browser.waitForText("#history", "top-up");
        assertThat(browser.visible("#history tbody tr").getText()).contains("issued").contains("amount 20.00");
        browser.screenshot("agent-history");
    }
}
