package uk.lifeline.backend.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The PSR entry on the customer card in a real browser on the demo data: an agent sees Carol Jones's needs, changes
 * them (a bad review date is shown next to its field), the change is saved and audited; a customer with no entry
 * says so and can be added.
 */
@TestPropertySource(properties = {"lifeline.demo.enabled=true", "lifeline.demo.bench-meters=0"})
class PsrConsoleBrowserTest extends BrowserTest {

    @Test
    void anAgentSeesAndChangesTheCustomersPsrEntryWhichIsAudited() {
        browser.signIn("amy.agent", PASSWORD);
        browser.go("/console/agent.html#q=ACC-100001");
        browser.waitForText("#psr-summary", "Oxygen use");
        assertThat(browser.visible("#psr-summary").getText())
                .contains("Blind")
                .contains("Pensionable age")
                .contains("Medically dependent")
                .contains("Dan Jones (son)")
                .containsPattern("GMT|BST");
        assertAccessible("customer card with PSR entry");

        browser.clickable("#psr-edit").click();
        browser.clickable("#psr-form input[value='hearing-impairment']").click();
        browser.clickable("#psr-form input[value='blind']").click();
        // Typed as an en-US browser's own date control would show it: refused beside the field, in words.
        browser.visible("#psr-review").clear();
        browser.visible("#psr-review").sendKeys("03/12/2027");
        browser.clickable("#psr-save").click();
        browser.waitForText("#psr-review-error", "Type the date as YYYY-MM-DD");
        browser.visible("#psr-review").clear();
        browser.visible("#psr-review").sendKeys("2020-01-01");
        browser.clickable("#psr-save").click();
        browser.waitForText("#psr-review-error", "must be after today");
        assertAccessible("PSR form with an error");

        browser.js("const d = new Date(); d.setMonth(d.getMonth() + 6);"
                + " document.getElementById('psr-review').value = d.toISOString().slice(0, 10)");
        browser.visible("#psr-nominee").clear();
        browser.clickable("#psr-save").click();
        browser.waitForText("#psr-status", "PSR entry saved");
        String saved = browser.visible("#psr-summary").getText();
        assertThat(saved)
                .contains("Hearing impairment")
                .contains("Oxygen use")
                .doesNotContain("Blind")
                .doesNotContain("Dan Jones");
        browser.screenshot("customer-psr");
        assertThat(count("SELECT count(*) FROM audit_log WHERE entry LIKE '%psr.recorded%'"
                        + " AND entry LIKE '%hearing-impairment%'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM psr_entry p JOIN customer_account a ON a.id = p.customer_account_id"
                        + " WHERE a.account_number = 'ACC-100001' AND p.nominee IS NULL"))
                .isEqualTo(1);

        browser.width(360, 780);
        assertFits("customer card with PSR entry");
    }

    @Test
    void aCustomerNotOnTheRegisterSaysSoAndCanBeAdded() {
        browser.signIn("amy.agent", PASSWORD);
        browser.go("/console/agent.html#q=ACC-100002");
        browser.waitForText("#psr-none", "Not on the Priority Services Register");
        browser.clickable("#psr-edit").click();
        browser.clickable("#psr-save").click();
        assertThat(browser.visible("#psr-needs-error").getText()).startsWith("Error:");
        browser.clickable("#psr-form input[value='young-children']").click();
        browser.clickable("#psr-consent").click();
        browser.clickable("#psr-save").click();
        browser.waitForText("#psr-summary", "Families with young children");
        assertThat(browser.visible("#psr-summary").getText()).contains("Given");
        assertAccessible("customer card after adding a PSR entry");
    }
}
