package uk.lifeline.backend.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import uk.lifeline.backend.reach.ReachTasks;
import uk.lifeline.backend.reach.contact.PhoneNumber;
import uk.lifeline.backend.reach.sms.SmsBody;
import uk.lifeline.backend.reach.sms.SmsMessages;

/**
 * The consoles in a real Chromium against the running backend and its demo data: two suppliers; Carol Jones
 * (LS6 2AB) and Colin Patel (YO21 3AA) of Bright Energy have meters without the WAN; 300 bench meters sit in
 * district ZZ1. One browser and one application for the whole class; screenshots go to target/screenshots.
 */
@TestPropertySource(
        properties = {"lifeline.demo.enabled=true", "lifeline.demo.bench-meters=300", "lifeline.campaigns.page-size=50"
        })
class ConsoleBrowserTest extends BrowserTest {

    @Autowired
    SmsMessages texts;

    @Autowired
    ReachTasks tasks;

    static final String CAROL_ELECTRICITY = "00DB1234567800A1";
    static final String CAROL_GAS = "00DB1234567800A2";
    static final String COLIN_ELECTRICITY = "00DB1234567800B1";

    @Test
    void anAgentSignsInFindsANoWanCustomerIssuesATopUpAndSeesTheDigits() {
        browser.signedOut();
        assertAccessible("sign-in");
        browser.screenshot("signin");
        browser.signIn("amy.agent", PASSWORD);
        assertThat(browser.driver.getCurrentUrl()).contains("/console/agent.html");

        search("LS6 2AB");
        browser.waitForText("#customer-heading", "Carol Jones");
        assertThat(browser.text("#customer li[data-meter='" + CAROL_ELECTRICITY + "']"))
                .contains("no WAN");
        openMeter(CAROL_ELECTRICITY);
        browser.waitForText("#meter-model", "Balance");

        fillIssueForm("top-up", Map.of("amount", "20.00"), "customer rang: no WAN");
        browser.clickable("#preview-button").click();
        browser.visible("#preview-effect");
        assertThat(browser.text("#preview-panel"))
                .contains("20-digit code")
                .contains("Balance")
                .contains("Where the £20.00 goes");
        assertAccessible("agent page with a preview");
        browser.screenshot("agent");
        browser.screenshot("agent-top", 1500);

        browser.clickable("#issue-button").click();
        List<String> groups = digitGroups();
        assertThat(groups).hasSize(5).allSatisfy(g -> assertThat(g).matches("[0-9]{4}"));
        assertThat(String.join("", groups)).isEqualTo(storedDigits(codeIdInUrl()));
        assertThat(browser.text("#block-title")).isEqualTo("Block 1 of 1");
        assertThat(browser.text("#code-status")).contains("issued");
        assertAccessible("read-out");
        browser.screenshot("readout");

        browser.clickable("#next-group").click();
        browser.waitForText("#progress-text", "Group 2 of 5");
        assertThat(browser.all("#digits .group.done")).hasSize(1);
        browser.clickable("#copy-code").click();
        browser.waitForText("#copy-status", "Copied 20 digits");

        browser.clickable("#back-link").click();
        browser.waitForText("#history", "20.00");
        // Who issued it and why, in words.
        assertThat(browser.text("#history tbody tr"))
                .contains("by Amy Agent")
                .contains("Why: customer rang: no WAN")
                .contains("issued")
                .doesNotContain("top-up");

        // The history refreshes every 5 seconds: an agent who tabbed to Cancel is still there after a refresh.
        WebElement cancel = browser.clickable("#history tbody tr:first-child button.danger");
        assertThat(browser.focusedAfter(cancel, Duration.ofMillis(5_600))).isEqualTo(cancel.getAttribute("aria-label"));

        // Cancelling asks why, in a dialog, and the history shows the new status.
        browser.clickable("#history tbody tr:first-child button.danger").click();
        browser.visible("dialog[open] textarea").sendKeys("customer found a paper voucher");
        browser.clickable("dialog[open] button[type='submit']").click();
        browser.waitForText("#history tbody tr:first-child", "cancelled by Amy Agent");
        assertThat(browser.text("#history tbody tr:first-child")).contains("customer found a paper voucher");
        assertThat(browser.all("#history tbody tr:first-child a"))
                .as("no read-out link")
                .isEmpty();
        browser.go("/console/readout.html?code="
                + browser.visible("#history tbody tr:first-child").getAttribute("data-code"));
        browser.waitForText("#code-summary", "This code is cancelled");
        assertThat(browser.all("#digits")).isEmpty();
    }

    @Test
    void aSixtyDigitCodeIsReadOutOneBlockAtATimeAndCanBeReadAloud() {
        UUID code = issueAs(
                "amy.agent",
                CAROL_ELECTRICITY,
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
        browser.go("/console/readout.html?code=" + code);
        assertThat(digitGroups()).hasSize(5);
        assertThat(browser.text("#block-title")).isEqualTo("Block 1 of 3");
        String stored = storedDigits(code.toString());
        assertThat(String.join("", digitGroups())).isEqualTo(stored.substring(0, 20));

        browser.js("window.spoken = []; speechSynthesis.speak = (u) => window.spoken.push(u.text);");
        browser.clickable("#say-group").click();
        assertThat(browser.js("return window.spoken"))
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .containsExactly(String.join(", ", stored.substring(0, 4).split("")));
        browser.clickable("#read-aloud").click();
        for (int i = 0; i < 5; i++) {
            browser.clickable("#next-group").click();
        }
        assertThat(browser.js("return window.spoken.length")).isEqualTo(6L);
        browser.waitForText("#next-group", "Go to block 2 of 3");
        browser.clickable("#next-group").click();
        browser.waitForText("#block-title", "Block 2 of 3");
        assertThat(String.join("", digitGroups())).isEqualTo(stored.substring(20, 40));
        assertThat(browser.text(".blocks-overview")).contains("Block 1: done").contains("Block 2: now");
        browser.clickable("#next-group").click();
        assertAccessible("read-out of a 60-digit code");
        browser.screenshot("readout-60");
    }

    @Test
    void everyCommandHasAFormWhoseValuesTheApiTakes() {
        browser.signIn("sue.supervisor", PASSWORD);
        search("YO21 3AA");
        openMeter(COLIN_ELECTRICITY);
        Map<String, Map<String, String>> commands = new java.util.LinkedHashMap<>();
        commands.put("top-up", Map.of("amount", "10"));
        commands.put("deduct-credit", Map.of("amount", "1.50"));
        commands.put("set-credit", Map.of("balance", "15"));
        commands.put("add-debt", Map.of("register", "time-based-1", "amount", "25"));
        commands.put("deduct-debt", Map.of("register", "payment-based", "amount", "5"));
        commands.put(
                "set-debt", Map.of("register", "time-based-2", "amount", "100", "rate", "1.50", "period", "per-hour"));
        commands.put("change-price", Map.of("unit-rate", "24.862", "standing-charge", "60.97", "from", "2027-04-01"));
        commands.put(
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
        commands.put(
                "set-friendly-credit-period",
                Map.of("slot", "2", "start", "16:00", "end", "10:00", "days", "weekdays"));
        commands.put("set-non-disconnect-period", Map.of("start", "2030-12-01T06:00", "end", "2030-12-04T06:00"));
        commands.put("open-han", Map.of("device", "cad", "minutes", "30"));
        commands.put("change-mode", Map.of("mode", "credit"));
        commands.put("revert-to-default", Map.of());
        assertThat(browser.all("#issue-command option")).hasSize(commands.size());
        commands.forEach((command, parameters) -> {
            fillIssueForm(command, parameters, "every command");
            browser.js("document.getElementById('issue-outcome').replaceChildren()");
            browser.clickable("#preview-button").click();
            browser.waitForText("#preview-panel", "What this code will do");
            int digits = 20 * blocks(command);
            assertThat(browser.text("#preview-panel")).as(command).contains(digits + "-digit code");
        });
    }

    @Test
    void anOverLimitTopUpWaitsForApprovalAndAnotherSupervisorApprovesIt() {
        browser.signIn("amy.agent", PASSWORD);
        assertThat(browser.all(".site-header nav a"))
                .extracting(WebElement::getText)
                .containsExactly("Customers", "Install codes", "Devices and switches", "DP255 follow-up", "At risk");
        search("ACC-100001");
        openMeter(CAROL_GAS);
        fillIssueForm("top-up", Map.of("amount", "60.00"), "customer rang: cold, no credit");
        browser.clickable("#preview-button").click();
        assertThat(browser.text("#preview-approval")).contains("above the agent limit of 50.00 per code");
        browser.clickable("#issue-button").click();
        browser.waitForText("#issue-result", "Waiting for approval");
        browser.waitForText("#history", "pending approval");
        String codeId = browser.visible("#history tbody tr").getAttribute("data-code");

        // A supervisor's own request waits for someone else.
        UUID samsOwn = issueAs("sam.supervisor", COLIN_ELECTRICITY, "set-credit", Map.of("balance", "5.00"));

        browser.signIn("sam.supervisor", PASSWORD);
        browser.clickable(".site-header nav a[href$='#approvals']").click();
        browser.visible("#approvals-list li[data-code='" + codeId + "']");
        assertThat(browser.text("#approvals-list li[data-code='" + samsOwn + "']"))
                .contains("Your own request")
                .doesNotContain("Approve");
        assertAccessible("approvals");
        browser.screenshot("approvals");

        browser.clickable("#approvals-list li[data-code='" + codeId + "'] button.button:not(.danger)")
                .click();
        browser.waitForText("#approvals-message", "Approved");
        browser.clickable("#approvals-message a").click();
        assertThat(digitGroups()).hasSize(5);
        assertThat(String.join("", digitGroups())).isEqualTo(storedDigits(codeId));
        assertThat(count("SELECT count(*) FROM code WHERE id = '" + codeId + "' AND status = 'ISSUED'"
                        + " AND approved_by IS NOT NULL"))
                .isEqualTo(1);
    }

    @Test
    void anOpsUserLaunchesANoticeAndWatchesItComplete() {
        browser.signIn("olly.ops", PASSWORD);
        assertThat(browser.driver.getCurrentUrl()).contains("/console/ops.html");
        typeNotice(
                "Cold snap: your supply stays on",
                "Freezing weather is forecast. Your supply stays on until it ends.",
                "LS6, ZZ1",
                "Met Office amber warning");
        browser.visible("#notice-app-deadline").sendKeys("20");
        browser.clickable("#notice-check").click();
        String reach = browser.text("#notice-reach");
        assertThat(reach)
                .contains("This reaches 302 meters at 2 customers")
                .contains("302 meters without the WAN")
                .contains("1 customer has no phone");
        assertAccessible("operations page with a dry run");
        browser.screenshot("ops");

        browser.clickable("#notice-launch").click();
        browser.waitForText("#campaign-status", "codes made");
        assertThat(browser.text("#campaign-app-deadline")).endsWith("within 20 minutes");
        assertThat(browser.text("[data-count='coded'] .n")).isEqualTo("302");
        // Carol has the app on a phone (demo data); the 300 bench meters' customer has none: call them.
        browser.waitForText("#no-phone-list caption", "300 meters");
        assertThat(browser.text("#no-phone-list")).contains("Load Test").doesNotContain("Carol Jones");
        assertThat(browser.text("#download-csv")).contains("300 rows");

        // Customers' apps report deliveries and entries; the page hears of them over the same stream.
        String campaign = browser.driver.getCurrentUrl().replaceAll(".*[?&]id=([0-9a-f-]{36}).*", "$1");
        codesOfCampaign(campaign, "DELIVERED", 200);
        codesOfCampaign(campaign, "ENTERED", 120);
        browser.waitForText("[data-count='entered'] .n", "120");
        assertThat(browser.text("[data-count='delivered'] .n")).isEqualTo("200");
        assertThat(browser.all("#chart polyline")).hasSize(4);
        assertAccessible("campaign");
        browser.screenshot("campaign");
        browser.screenshot("campaign-top", 1000);
    }

    @Test
    void theDryRunSaysWhichMetersAChangeOfSupplierLeavesOut() {
        // Demo data: Bright Energy gained Nadia Khan's Durham premises (DH1; its credentials are not on the meters
        // yet) and lost Harry Walsh's Hull premises (HU1) to Northern Power.
        browser.signIn("olly.ops", PASSWORD);
        typeNotice(
                "Storm: your supply stays on",
                "High winds are forecast. Your supply stays on.",
                "DH1, HU1",
                "dry run only");
        browser.clickable("#notice-check").click();
        assertThat(browser.text("#notice-reach"))
                .contains("No meter in this area can be reached now")
                .contains("0 meters without the WAN get a code; 0 over the WAN")
                .contains("3 meters left out: a change of supplier is under way there, so no code can go to them");
        assertThat(browser.visible("#notice-launch").isEnabled()).isFalse();
        assertAccessible("operations page with meters left out of a dry run");
    }

    @Test
    void theNoticeWindowIsTyped24HourInUkTimeAndASkippedHourIsRefusedInWords() {
        browser.signIn("olly.ops", PASSWORD);
        typeNotice("Summer test", "Your supply stays on.", "LS6", "window test");
        retype("#notice-starts", "2027-03-28 01:30");
        retype("#notice-app-deadline", "soon");
        browser.clickable("#notice-check").click();
        browser.waitForText("#notice-starts-error", "the clocks go forward from 01:00 to 02:00");
        assertThat(browser.text("#notice-app-deadline-error")).contains("enter whole minutes, e.g. 10");
        retype("#notice-app-deadline", "");
        retype("#notice-starts", "2027-07-01 0600");
        retype("#notice-ends", "2027-07-02 18:00");
        assertThat(browser.all(".understood").get(0).getText()).isEqualTo("That is 1 Jul 2027, 06:00 BST.");
        assertThat(browser.all(".understood").get(1).getText()).isEqualTo("That is 2 Jul 2027, 18:00 BST.");
        browser.clickable("#notice-check").click();
        assertThat(browser.text("#notice-reach")).contains("This reaches");
        assertThat(browser.all("#notice-starts-error"))
                .allMatch(e -> !e.isDisplayed() || e.getText().isBlank());
    }

    /** Fills the operations page's notice form. */
    private void typeNotice(String title, String message, String districts, String reason) {
        browser.visible("#notice-title").sendKeys(title);
        browser.visible("#notice-message").sendKeys(message);
        browser.visible("#notice-districts").sendKeys(districts);
        browser.visible("#notice-reason").sendKeys(reason);
    }

    private void retype(String css, String text) {
        WebElement input = browser.visible(css);
        input.clear();
        input.sendKeys(text);
    }

    @Test
    void anOpsUserLaunchesAPriceChangeForOneFuel() {
        browser.signIn("olly.ops", PASSWORD);
        browser.clickable("input[name='price-fuel'][value='GAS']").click();
        browser.visible("#price-unit-rate").sendKeys("7.5");
        browser.visible("#price-standing-charge").sendKeys("30.1");
        // Typed as YYYY-MM-DD whatever the browser's locale (its own date control would want mm/dd/yyyy here).
        assertThat(browser.visible("#price-from").getAttribute("type")).isEqualTo("text");
        browser.visible("#price-from").sendKeys("2027-04-01");
        browser.visible("#price-districts").sendKeys("LS6");
        browser.visible("#price-reason").sendKeys("April price cap");
        browser.clickable("#price-check").click();
        assertThat(browser.text("#price-reach")).contains("This reaches 1 meter at 1 customer");
        browser.clickable("#price-launch").click();
        browser.waitForText("#campaign-status", "codes made");
        assertThat(browser.text("#campaign-command"))
                .contains("7.500")
                .contains("30.100")
                .contains("2027-04-01");
        assertThat(browser.text("#campaign-area")).isEqualTo("LS6");
        assertThat(browser.text("#campaign-launcher")).isEqualTo("Olly Ops");
        assertThat(browser.text("#campaign-app-deadline")).endsWith("within the supplier's usual wait");
        assertThat(browser.text("[data-count='coded'] .n")).isEqualTo("1");
    }

    @Test
    void anAgentOfOneSupplierCannotSeeAnotherSuppliersCustomer() {
        browser.signIn("amy.agent", PASSWORD);
        for (String q : List.of("ACC-200001", "DH1 4AB", "Nora Smith")) {
            search(q);
            assertThat(browser.text("#results-heading")).isEqualTo("0 customers found");
        }
        browser.signIn("nina.agent", PASSWORD);
        search("DH1 4AB");
        browser.waitForText("#customer-heading", "Nora Smith");
        search("LS6 2AB");
        assertThat(browser.text("#results-heading")).isEqualTo("0 customers found");
        UUID carols = issueAs("amy.agent", CAROL_ELECTRICITY, "top-up", Map.of("amount", "1.00"));
        browser.go("/console/readout.html?code=" + carols);
        browser.waitForText("#code-summary", "no code " + carols);
        assertThat(browser.all("#digits")).isEmpty();
    }

    @Test
    void anAgentIssuesACodeWithTheKeyboardAlone() {
        browser.signedOut();
        tabTo("#username", 5);
        keys("adam.agent", Keys.TAB, PASSWORD, Keys.ENTER);
        browser.visible("#q");
        tabTo("#q", 10);
        keys("YO21 3AA", Keys.ENTER);
        browser.waitForText("#customer-heading", "Colin Patel");
        tabTo("#customer li[data-meter='" + COLIN_ELECTRICITY + "'] button", 10);
        keys(Keys.ENTER);
        browser.visible("#issue-form");
        tabTo("#issue-command", 20);
        assertThat(focusVisible())
                .as("the focused control shows a focus outline")
                .isTrue();
        keys(Keys.TAB, "5", Keys.TAB, "customer rang: no WAN");
        tabTo("#preview-button", 3);
        keys(Keys.ENTER);
        browser.visible("#preview-panel");
        tabTo("#issue-button", 10);
        keys(Keys.ENTER);
        browser.visible("#digits .g-digits");
        assertThat(browser.js("return document.activeElement.id")).isEqualTo("digits");
        keys(Keys.ARROW_RIGHT);
        browser.waitForText("#progress-text", "Group 2 of 5");
        tabTo("#next-group", 5);
        keys(Keys.ENTER);
        browser.waitForText("#progress-text", "Group 3 of 5");
        keys(Keys.SPACE, Keys.SPACE, Keys.SPACE);
        browser.waitForText("#progress-text", "Every block is read out");
        assertThat(browser.all("#digits .group.done")).hasSize(5);
    }

    @Test
    void everyPageFitsA360PixelScreen() {
        browser.width(360, 780);
        browser.signedOut();
        assertFits("sign-in");
        browser.signIn("amy.agent", PASSWORD);
        search("LS6 2AB");
        openMeter(CAROL_ELECTRICITY);
        fillIssueForm("top-up", Map.of("amount", "3.00"), "small screen check");
        browser.clickable("#preview-button").click();
        browser.visible("#preview-effect");
        assertFits("agent");
        browser.screenshot("agent-360");
        browser.clickable("#issue-button").click();
        browser.visible("#digits .g-digits");
        assertThat(top("#digits .g-digits"))
                .as("the first digits within the first 740 px screen")
                .isLessThan(680);
        assertFits("read-out");
        browser.screenshot("readout-360");

        browser.signIn("olly.ops", PASSWORD);
        assertFits("operations");
        browser.screenshot("ops-360");
        Map<?, ?> campaign = post(
                        token("olly.ops"),
                        "/api/v1/notices",
                        Map.of(
                                "title",
                                "Storm",
                                "message",
                                "Your supply stays on.",
                                "reason",
                                "small screen check",
                                "area",
                                Map.of("districts", List.of("YO21")),
                                "startsAt",
                                java.time.Instant.now().toString(),
                                "endsAt",
                                java.time.Instant.now().plusSeconds(86400).toString()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        browser.go("/console/ops.html");
        browser.visible("#campaign-list li");
        // In a storm: the campaigns come first, the active ones on top, each with its area and window in UK time.
        assertThat(top("#campaigns-heading")).isLessThan(top("#notice-heading"));
        WebElement first = browser.visible("#campaign-list li");
        assertThat(first.getAttribute("class")).contains("active");
        assertThat(first.getText())
                .contains("Storm")
                .contains("Area: YO21")
                .containsPattern("Window: .*(GMT|BST) to .*(GMT|BST)")
                .contains("launched by Olly Ops");
        assertThat(top("#campaign-list li"))
                .as("the newest campaign within the first screen")
                .isLessThan(740);
        assertFits("operations with campaigns");
        browser.screenshot("ops-storm-360", 1400);
        browser.go("/console/campaign.html?id=" + campaign.get("id"));
        browser.waitForText("#campaign-status", "codes made");
        assertThat(browser.text("#campaign-title")).isEqualTo("Storm");
        assertThat(browser.text("#campaign-message")).isEqualTo("Your supply stays on.");
        assertThat(browser.text("#campaign-area")).isEqualTo("YO21");
        String window = browser.text("#campaign-window");
        assertThat(window).matches(".*(GMT|BST) to .*(GMT|BST)");
        assertFits("campaign");
        browser.screenshot("campaign-360");
    }

    @Test
    void theFormRefusesWhatTheApiRefusesWithTheApisWords() {
        browser.signIn("amy.agent", PASSWORD);
        search("LS6 2AB");
        openMeter(CAROL_ELECTRICITY);
        String amy = token("amy.agent");
        List<List<Object>> cases = List.of(
                List.of("top-up", Map.of("amount", "90.50"), "amount"),
                List.of("top-up", Map.of("amount", "12.345"), "amount"),
                List.of("set-credit", Map.of("balance", "9000"), "balance"),
                List.of("add-debt", Map.of("register", "time-based-2", "amount", "20000"), "amount"),
                List.of("set-debt", Map.of("register", "payment-based", "amount", "10", "percent", "101"), "percent"),
                List.of("change-price", Map.of("unit-rate", "300", "standing-charge", "60.1"), "unit-rate"),
                List.of("open-han", Map.of("device", "ihd", "minutes", "0"), "minutes"));
        for (List<Object> c : cases) {
            String command = (String) c.get(0);
            @SuppressWarnings("unchecked")
            Map<String, String> parameters = (Map<String, String>) c.get(1);
            String field = (String) c.get(2);
            fillIssueForm(command, parameters, "range check");
            browser.clickable("#preview-button").click();
            String shown = browser.text("#param-" + field + "-error").replaceFirst("^Error:\\s*", "");
            String api = post(
                            amy,
                            "/api/v1/meters/" + CAROL_ELECTRICITY + "/codes/preview",
                            Map.of("command", command, "parameters", parameters, "reason", "range check"))
                    .expectStatus()
                    .isBadRequest()
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody()
                    .get("errors")
                    .toString();
            assertThat(api).as(command + " " + parameters).contains(shown);
            assertThat(browser.visible("#param-" + field).getAttribute("aria-invalid"))
                    .isEqualTo("true");
        }
        assertAccessible("agent page with field errors");
        browser.screenshot("agent-field-errors");

        // Forgiving inputs, and errors that say what to type.
        Map<String, String> words = new java.util.LinkedHashMap<>();
        words.put("abc", "Enter an amount in pounds, such as 12.34");
        words.put("-5", "Enter an amount in pounds, such as 12.34, without a minus sign");
        words.put("", "Enter the amount");
        words.forEach((typed, shown) -> {
            fillIssueForm("top-up", Map.of("amount", typed), "words");
            browser.clickable("#preview-button").click();
            browser.waitForText("#param-amount-error", shown);
        });
        fillIssueForm("top-up", Map.of("amount", "£20"), "pound sign");
        browser.clickable("#preview-button").click();
        browser.waitForText("#preview-panel", "Where the £20.00 goes");
        fillIssueForm(
                "change-time-of-use-price",
                Map.of(
                        "peak-rate",
                        "30",
                        "off-peak-rate",
                        "12.5",
                        "off-peak-start",
                        "2330",
                        "off-peak-end",
                        "6:30pm",
                        "standing-charge",
                        "55"),
                "times");
        assertThat(browser.visible("#param-off-peak-start").getAttribute("type"))
                .as("24-hour text, not the locale's")
                .isEqualTo("text");
        browser.clickable("#preview-button").click();
        browser.waitForText("#param-off-peak-end-error", "Enter a 24-hour time such as 23:30");
        assertThat(browser.visible("#param-off-peak-start").getAttribute("value"))
                .isEqualTo("23:30");

        // What only the API knows (an MPAN's check digit) still lands next to the field it is about.
        WebElement q = browser.visible("#q");
        q.clear();
        q.sendKeys("1012345678904");
        browser.clickable("#search-button").click();
        browser.waitForText("#q-error", "the MPAN's check digit does not match");
        assertThat(browser.visible("#q").getAttribute("aria-invalid")).isEqualTo("true");
    }

    @Test
    void theSessionLivesInSessionStorageAndSigningOutForgetsIt() {
        browser.signIn("amy.agent", PASSWORD);
        Map<String, Object> storage = browser.storage();
        assertThat((Map<?, ?>) storage.get("local")).isEmpty();
        assertThat(((Map<?, ?>) storage.get("session")).get("lifeline.console.token"))
                .asString()
                .startsWith("ey");
        browser.clickable("#sign-out").click();
        browser.visible("#username");
        assertThat(((Map<?, ?>) browser.storage().get("session")).containsKey("lifeline.console.token"))
                .isFalse();
        browser.go("/console/agent.html");
        browser.visible("#username");
        assertThat(browser.driver.getCurrentUrl()).contains("why=signin");
    }

    @Test
    void speedKeysSearchPreviewAndIssueAndTheAddressAlwaysMatchesThePage() {
        browser.signIn("adam.agent", PASSWORD);
        assertThat(browser.js("return document.activeElement.id"))
                .as("focus on arrival")
                .isEqualTo("q");
        keys(Keys.ESCAPE);
        browser.js("document.activeElement.blur()");
        keys("?");
        assertThat(browser.text("#keys-help")).contains("Search for a customer").contains("Preview");
        assertAccessible("agent page with the shortcuts");
        keys(Keys.ESCAPE);
        browser.js("document.activeElement.blur()");
        keys("/");
        assertThat(browser.js("return document.activeElement.id")).isEqualTo("q");
        keys("YO21 3AA", Keys.ENTER);
        browser.waitForText("#customer-heading", "Colin Patel");
        browser.clickable("#customer li[data-meter='" + COLIN_ELECTRICITY + "'] button")
                .click();
        fillIssueForm("top-up", Map.of("amount", "2"), "speed keys");
        browser.js("document.activeElement.blur()");
        keys("p");
        browser.visible("#preview-panel");
        browser.js("document.activeElement.blur()");
        keys("i");
        browser.visible("#digits .g-digits");
        browser.js("document.activeElement.blur()");
        keys("n");
        browser.waitForText("#progress-text", "Group 2 of 5");

        // Changing the address opens the customer it names, and recent customers are a click away.
        browser.go("/console/agent.html#q=ACC-100001");
        browser.waitForText("#customer-heading", "Carol Jones");
        browser.js("location.hash = 'q=YO21%203AA'");
        browser.waitForText("#customer-heading", "Colin Patel");
        assertThat(browser.text("#recent")).contains("Carol Jones").contains("Colin Patel");
    }

    @Test
    void theCustomerTimelineShowsCodesWithWhoAndWhyAndKeepsAgentsNotes() {
        issueAs("adam.agent", CAROL_ELECTRICITY, "top-up", Map.of("amount", "7.00"));
        // What the reach feature did for Carol: a text to her mobile and her HELP reply's call-back request.
        Map<String, Object> carolRow = db.sql(
                        "SELECT supplier_id, id FROM customer_account WHERE account_number" + " = 'ACC-100001'")
                .fetch()
                .one()
                .block();
        UUID supplier = (UUID) carolRow.get("supplier_id");
        UUID carolId = (UUID) carolRow.get("id");
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        texts.queue(
                        new SmsMessages.Queued(
                                supplier,
                                carolId,
                                PhoneNumber.parse("07700 900123").orElseThrow(),
                                "reply",
                                null,
                                null,
                                SmsBody.onePart("Reply AGAIN to have your code sent again.")
                                        .orElseThrow(),
                                now.plusSeconds(3600)),
                        now)
                .block();
        tasks.add(supplier, carolId, ReachTasks.Kind.CALL_BACK, null, null, "texted HELP", now)
                .block();
        browser.signIn("amy.agent", PASSWORD);
        search("LS6 2AB");
        browser.waitForText("#timeline", "by Adam Agent");
        assertThat(browser.text("#timeline"))
                .contains("Code issued")
                .contains("7.00")
                .contains("Text sent")
                .contains("To the number ending 0123: Reply AGAIN")
                .contains("Asked for a call back")
                .contains("texted HELP");
        browser.visible("#note-text").sendKeys("Customer prefers calls after 6pm");
        browser.clickable("#note-button").click();
        browser.waitForText("#timeline li:first-child", "Customer prefers calls after 6pm");
        assertThat(browser.text("#timeline li:first-child"))
                .contains("Note by Amy Agent")
                .containsPattern("GMT|BST");
        assertAccessible("agent page with a customer's timeline");
        assertThat(count("SELECT count(*) FROM audit_log WHERE entry LIKE '%customer.note-added%'"))
                .isGreaterThanOrEqualTo(1);
        String carol = browser.visible("#results li[data-customer]").getAttribute("data-customer");
        http.get()
                .uri("/api/v1/console/customers/" + carol + "/timeline")
                .headers(h -> h.setBearerAuth(token("nina.agent")))
                .exchange()
                .expectStatus()
                .isNotFound();
        post(token("amy.agent"), "/api/v1/console/customers/" + carol + "/notes", Map.of("text", "bad\u0000note"))
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void theReadOutNamesWhoseMeterItIsSoAGasCodeIsNotTypedIntoTheElectricityMeter() {
        UUID gas = issueAs("amy.agent", CAROL_GAS, "top-up", Map.of("amount", "5.00"));
        UUID electricity = issueAs("amy.agent", CAROL_ELECTRICITY, "top-up", Map.of("amount", "6.00"));
        browser.signIn("amy.agent", PASSWORD);
        browser.go("/console/readout.html?code=" + gas);
        browser.waitForText("#type-on", "GAS meter");
        assertThat(browser.text("#type-on"))
                .startsWith("Type this on the GAS meter")
                .doesNotContainIgnoringCase("electricity");
        assertThat(browser.text("#meter-banner"))
                .contains("Carol Jones")
                .contains("ACC-100001")
                .contains("LS6 2AB")
                .contains("MPRN");
        assertThat(browser.text("#banner-meter")).contains("Gas meter ending 00A2");
        assertThat(browser.text("#code-words")).doesNotContain("top-up").contains("5.00");
        assertThat(top("#meter-banner")).as("the banner is above the digits").isLessThan(top("#digits"));
        assertAccessible("read-out of a gas code");
        browser.go("/console/readout.html?code=" + electricity);
        browser.waitForText("#type-on", "ELECTRICITY meter");
        assertThat(browser.text("#banner-meter")).contains("Electricity meter ending 00A1");
        assertThat(browser.text("#meter-banner")).contains("MPAN");
    }

    @Test
    void pagesCarryAStrictContentSecurityPolicyAndTheirFilesAreCompressedAndCachedByVersion() {
        for (String page : List.of(
                "/",
                "/console/agent.html",
                "/console/readout.html",
                "/console/ops.html",
                "/console/campaign.html",
                "/console/install-codes.html",
                "/console/devices.html",
                "/console/follow-up.html")) {
            http.get()
                    .uri(page)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals("Cache-Control", "no-cache")
                    .expectHeader()
                    .value("Content-Security-Policy", csp -> assertThat(csp)
                            .contains("script-src 'self'")
                            .contains("object-src 'none'")
                            .contains("base-uri 'none'")
                            .contains("frame-ancestors 'none'")
                            .doesNotContain("unsafe-inline")
                            .doesNotContain("unsafe-eval"));
        }
        String html = http.get()
                .uri("/console/agent.html")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        String script = html.replaceAll("(?s).*src=\"(/console/v/[0-9a-f]{12}/js/agent\\.js)\".*", "$1");
        assertThat(script)
                .as("the page loads its script under a content version")
                .startsWith("/console/v/");
        // The JDK's client, which leaves the body as sent (WebTestClient's Netty unzips it and drops the header).
        java.net.http.HttpResponse<byte[]> asset =
                send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + script))
                        .header("Accept-Encoding", "gzip")
                        .build());
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(asset.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(asset.body()[0] & 0xff).as("gzip magic").isEqualTo(0x1f);
        assertThat(html).doesNotContain("<script>").doesNotContainPattern(" on[a-z]+=");

        // The sign-in page as a first visit: under 40 KB over the wire, all compressed; a second visit takes the
        // scripts and the stylesheet from the browser's cache. Signed out first: a session an earlier test left
        // open would take "/" on to that user's console.
        browser.signedOut();
        browser.driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
        browser.go("/?weight");
        browser.visible("#username");
        long first = ((Number) browser.js("return performance.getEntriesByType('navigation')[0].transferSize"
                        + " + performance.getEntriesByType('resource').reduce((n, r) => n + r.transferSize, 0)"))
                .longValue();
        assertThat(first).as("bytes of the first page").isLessThan(40_000).isGreaterThan(1_000);
        browser.go("/?again");
        browser.visible("#username");
        long again = ((Number) browser.js(
                        "return performance.getEntriesByType('resource')" + ".reduce((n, r) => n + r.transferSize, 0)"))
                .longValue();
        assertThat(again).as("bytes of scripts and styles on a second visit").isZero();
        System.out.println("Sign-in page: " + first + " bytes on a first visit, " + again + " bytes of files again");
    }

    // Helpers

    private static java.net.http.HttpResponse<byte[]> send(java.net.http.HttpRequest request) {
        try {
            return java.net.http.HttpClient.newHttpClient()
                    .send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long top(String css) {
        return ((Number) browser.js(
                        "return Math.round(document.querySelector(arguments[0]).getBoundingClientRect().top"
                                + " + window.scrollY)",
                        css))
                .longValue();
    }

    private void search(String q) {
        WebElement box = browser.visible("#q");
        box.clear();
        box.sendKeys(q);
        browser.js("document.getElementById('results').replaceChildren()");
        browser.clickable("#search-button").click();
        browser.waitForText("#results", "found");
    }

    private void openMeter(String meterId) {
        browser.clickable("#customer li[data-meter='" + meterId + "'] button").click();
        browser.visible("#issue-form");
        browser.waitForText("#history-status", " in all;");
    }

    private void fillIssueForm(String command, Map<String, String> parameters, String reason) {
        new Select(browser.visible("#issue-command")).selectByValue(command);
        parameters.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(
                        (a, b) -> "register".equals(a) ? -1 : "register".equals(b) ? 1 : a.compareTo(b)))
                .forEach(p -> {
                    WebElement input = browser.visible("#param-" + p.getKey());
                    String type = input.getAttribute("type");
                    if ("select".equals(input.getTagName())) {
                        new Select(input).selectByValue(p.getValue());
                    } else if (List.of("date", "time", "datetime-local").contains(type)) {
                        // These controls' typing order follows the browser's locale; set them as a picker would.
                        browser.js(
                                "arguments[0].value = arguments[1];"
                                        + " arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                                input,
                                p.getValue());
                    } else {
                        input.clear();
                        input.sendKeys(p.getValue());
                    }
                });
        WebElement why = browser.visible("#issue-reason");
        why.clear();
        why.sendKeys(reason);
    }

    private static int blocks(String command) {
        return uk.lifeline.command.CommandType.ofName(command).blocks();
    }

    private List<String> digitGroups() {
        browser.visible("#digits .g-digits");
        return browser.all("#digits .g-digits").stream()
                .map(WebElement::getText)
                .toList();
    }

    private String codeIdInUrl() {
        return browser.driver.getCurrentUrl().replaceAll(".*[?&]code=([0-9a-f-]{36}).*", "$1");
    }

    private String storedDigits(String codeId) {
        return db.sql("SELECT array_to_string(blocks, '') AS digits FROM code WHERE id = :id")
                .bind("id", UUID.fromString(codeId))
                .map(r -> r.get("digits", String.class))
                .one()
                .block();
    }

    private void codesOfCampaign(String campaign, String status, int how) {
        db.sql("UPDATE code SET status = :status WHERE id IN (SELECT code_id FROM campaign_target"
                        + " WHERE campaign_id = :c AND code_id IS NOT NULL ORDER BY device_id LIMIT :n)")
                .bind("status", status)
                .bind("c", UUID.fromString(campaign))
                .bind("n", how)
                .fetch()
                .rowsUpdated()
                .block();
    }

    private String token(String username) {
        Map<?, ?> body = http.post()
                .uri("/api/v1/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", PASSWORD))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (String) body.get("access_token");
    }

    private UUID issueAs(String username, String meter, String command, Map<String, String> parameters) {
        Map<?, ?> code = issue(token(username), meter, command, parameters)
                .expectStatus()
                .is2xxSuccessful()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return UUID.fromString((String) code.get("id"));
    }

    private void keys(CharSequence... keys) {
        new Actions(browser.driver).sendKeys(keys).perform();
    }

    /** Presses Tab until the focus is on {@code css}: proves it is reachable from the keyboard. */
    private void tabTo(String css, int most) {
        for (int i = 0; i <= most; i++) {
            if (Boolean.TRUE.equals(browser.js("return document.activeElement.matches(arguments[0])", css))) {
                return;
            }
            keys(Keys.TAB);
        }
        throw new AssertionError("Tab did not reach " + css + " in " + most + " presses; focus is on "
                + browser.js("return document.activeElement.outerHTML.slice(0, 120)"));
    }

    private boolean focusVisible() {
        return Boolean.TRUE.equals(browser.js("const s = getComputedStyle(document.activeElement);"
                + " return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;"));
    }
}
