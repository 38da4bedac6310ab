package uk.lifeline.backend.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.test.context.TestPropertySource;
import uk.lifeline.backend.customer.SupplyPointNumbers;

/**
 * The install-code, device and DP255 consoles (issue 8) in a real Chromium against the demo data: Bright Energy
 * gained Nadia Khan's Durham premises (ACC-100005, devices 00DB1234567800E1-E4) from Northern Power, which
 * installed its meters and holds their install codes; Bright Energy's request for the gas meter's code (E2) is
 * already overdue. One browser and one application for the class; screenshots go to target/screenshots.
 */
@TestPropertySource(properties = {"lifeline.demo.enabled=true", "lifeline.demo.bench-meters=0"})
class InstallCodeConsoleBrowserTest extends BrowserTest {

    static final String DURHAM_ELECTRICITY = "00DB1234567800E1";
    static final String DURHAM_GAS = "00DB1234567800E2";
    static final String DURHAM_DISPLAY = "00DB1234567800E3";
    static final String DURHAM_HUB = "00DB1234567800E4";
    static final String NORAS_METER = "00DB1234567800D1";
    static final String GRACES_GAS = "00DB1234567800C2";

    @Test
    void theGainingSupplierAsksTheInstallerAnswersAndASupervisorRevealsTheReleasedCode() {
        browser.signIn("amy.agent", PASSWORD);
        browser.clickable(".site-header nav a[href='/console/install-codes.html']")
                .click();
        browser.visible("#raise-device").sendKeys(DURHAM_ELECTRICITY.toLowerCase());
        browser.visible("#raise-note").sendKeys("gained from Northern Power; no WAN yet");
        browser.clickable("#raise-button").click();
        browser.waitForText("#raise-outcome", "Request raised");
        assertThat(browser.text("#raise-outcome")).contains("Northern Power").contains("must answer by");
        String raised = "#RAISED-list li[data-device='" + DURHAM_ELECTRICITY + "']";
        browser.waitForText(raised, "working days left");
        assertThat(browser.text(raised))
                .contains("open")
                .contains("Asked of Northern Power")
                .doesNotContain("Overdue");
        // The demo's older request is overdue, and says so in words.
        String overdue = "#RAISED-list li[data-device='" + DURHAM_GAS + "']";
        assertThat(browser.text(overdue)).contains("Overdue").contains("working days late");
        assertThat(browser.all(overdue + " button"))
                .extracting(WebElement::getText)
                .containsExactly("Withdraw");
        assertAccessible("install codes (agent)");
        browser.screenshot("install-codes");
        // Asking again is refused with the API's words.
        browser.visible("#raise-device").sendKeys(DURHAM_ELECTRICITY);
        browser.clickable("#raise-button").click();
        browser.waitForText("#raise-form .form-summary", "open request");

        browser.signIn("nina.agent", PASSWORD);
        browser.go("/console/install-codes.html");
        String owed = "#OWED-list li[data-device='" + DURHAM_ELECTRICITY + "']";
        browser.waitForText(owed, "Asked by Bright Energy");
        assertThat(browser.text(owed)).contains("working days left");
        browser.clickable(owed + " button").click();
        browser.waitForText(owed + " form", "Lifeline holds the install code");
        assertAccessible("answering a request");
        // Cancel gives the row its buttons back, though nothing in the list changed; answering starts again there.
        browser.clickable(owed + " form button.secondary").click();
        browser.waitForText(owed + " .actions", "Answer");
        assertThat(browser.all(owed + " form")).isEmpty();
        browser.clickable(owed + " button").click();
        browser.waitForText(owed + " form", "Lifeline holds the install code");
        browser.clickable(owed + " form button[type='submit']").click();
        browser.waitForText("#OWED-message", "Answered");
        assertThat(browser.text("#OWED-message")).contains("released to Bright Energy");
        assertThat(count("SELECT count(*) FROM install_code_request WHERE eui64 = '" + DURHAM_ELECTRICITY
                        + "' AND status = 'RELEASED'"))
                .isEqualTo(1);

        // An agent of the gaining supplier is told who can reveal it; a supervisor reveals it.
        browser.signIn("amy.agent", PASSWORD);
        browser.go("/console/install-codes.html");
        new Select(browser.visible("#RAISED-show")).selectByValue("RELEASED");
        browser.waitForText(raised, "a supervisor or operations can reveal");
        browser.signIn("sam.supervisor", PASSWORD);
        browser.go("/console/install-codes.html");
        new Select(browser.visible("#RAISED-show")).selectByValue("RELEASED");
        browser.clickable(raised + " a").click();
        browser.waitForText("#device-record", "Northern Power");
        assertThat(browser.text("#device-record")).contains("released to us");
        browser.clickable("#reveal-button").click();
        browser.visible("dialog[open] textarea").sendKeys("commissioning the ESME: HAN join (SRV 8.11)");
        browser.clickable("dialog[open] button[type='submit']").click();
        String code = browser.text("#install-code");
        assertThat(code).matches("([0-9A-F]{4} ){8}[0-9A-F]{4}");
        assertThat(browser.text("#reveal-box")).contains("recorded in the audit log");
        assertThat(count("SELECT count(*) FROM audit_log WHERE entry LIKE '%install-code.revealed%'"))
                .as("one entry in each supplier's chain")
                .isEqualTo(2);
        assertThat(browser.storage().toString()).doesNotContain(code).doesNotContain(code.replace(" ", ""));
        // Hidden on request, well inside its minute (the audit below is slow on a loaded machine).
        browser.clickable("#reveal-hide").click();
        assertThat(browser.all("#install-code")).isEmpty();
        assertThat(browser.visible("#reveal-button").isDisplayed()).isTrue();
        // Revealed again, for the accessibility audit and the screenshot of that state.
        browser.clickable("#reveal-button").click();
        browser.visible("dialog[open] textarea").sendKeys("checking the page");
        browser.clickable("dialog[open] button[type='submit']").click();
        browser.visible("#install-code");
        assertAccessible("a revealed install code");
        browser.screenshot("install-code-revealed", 1400);
    }

    @Test
    void aBulkUploadWithABadRowCreatesNothingUntilTheValidRowsAreKept() throws IOException {
        Path csv = Files.createTempFile("install-code-requests", ".csv");
        Files.writeString(
                csv,
                "deviceId,mpxn,note\n" + DURHAM_DISPLAY + ",,gained 1 May\n00DB12345678FFFF,,\n" + DURHAM_HUB + ",,\n");
        String ours = "SELECT count(*) FROM install_code_request WHERE eui64 IN ('" + DURHAM_DISPLAY + "', '"
                + DURHAM_HUB + "')";
        browser.signIn("adam.agent", PASSWORD);
        browser.go("/console/install-codes.html");
        browser.visible("#bulk-file").sendKeys(csv.toString());
        browser.clickable("#bulk-button").click();
        browser.waitForText("#bulk-outcome", "Nothing was created");
        assertThat(browser.text("#bulk-outcome tr[data-row='2']"))
                .contains("Not a device you supply")
                .contains("line 3 of the file");
        assertThat(browser.all("#bulk-outcome tbody tr")).hasSize(1);
        assertThat(browser.text("#bulk-keep")).isEqualTo("Request the 2 valid rows only");
        assertThat(count(ours)).as("nothing committed before the choice").isZero();
        assertAccessible("a rejected upload");
        browser.screenshot("install-codes-upload", 2200);

        browser.clickable("#bulk-keep").click();
        browser.waitForText("#bulk-outcome", "2 requests raised; 1 row skipped");
        assertThat(count(ours)).isEqualTo(2);
        browser.waitForText("#RAISED-list", DURHAM_HUB);
        Files.delete(csv);
    }

    @Test
    void theDp255PageCountsByRegionAndAgeAndItsCsvLinkDownloadsTheReport() {
        browser.signIn("sue.supervisor", PASSWORD);
        browser.go("/console/follow-up.html");
        browser.waitForText("#report-status", "to follow up");
        assertThat(browser.text("#report-list tr[data-device='" + DURHAM_ELECTRICITY + "']"))
                .contains("Prepayment meter without WAN")
                .contains("DH1 5CD")
                .contains("Nadia Khan");
        assertThat(browser.text("#report-by-region tr[data-region='DH']")).contains("DH");
        WebElement link = browser.visible("#report-csv");
        assertThat(link.getAttribute("download")).matches("dp255-\\d{4}-\\d{2}-\\d{2}\\.csv");
        String csv = (String) browser.driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + " fetch(arguments[0]).then((r) => r.text()).then(done, (e) => done('failed: ' + e));",
                link.getAttribute("href"));
        assertThat(csv).startsWith("device_id,device_type,category,wan_state,").contains(DURHAM_ELECTRICITY);
        assertThat(csv.lines().count() - 1)
                .isEqualTo(browser.all("#report-list tbody tr").size());
        new Select(browser.visible("#report-region")).selectByValue("DH");
        assertThat(browser.all("#report-list tbody tr"))
                .allSatisfy(tr -> assertThat(tr.getText()).contains("DH"));

        String nadia = "#offers-list li";
        browser.waitForText("#offers-list", "Nadia Khan");
        assertAccessible("DP255 follow-up");
        browser.screenshot("follow-up", 2400);
        browser.driver.findElements(By.cssSelector(nadia)).stream()
                .filter(li -> li.getText().contains("Nadia Khan"))
                .findFirst()
                .orElseThrow()
                .findElement(By.cssSelector("button"))
                .click();
        browser.visible("dialog[open] textarea").sendKeys("app link code read out");
        browser.clickable("dialog[open] button[type='submit']").click();
        new Select(browser.visible("#offers-show")).selectByValue("ACCEPTED");
        browser.waitForText("#offers-list", "app link code read out");
    }

    @Test
    void operationsRecordAChangeOfSupplierAfterSeeingWhatItCancels() {
        String mpan = SupplyPointNumbers.mpanWithCheckDigit("151234567893");
        browser.signIn("olly.ops", PASSWORD);
        browser.clickable(".site-header nav a[href='/console/devices.html']").click();
        browser.visible("#switch-losing").sendKeys("northern-power");
        browser.visible("#switch-mpxns").sendKeys(mpan);
        browser.visible("#switch-account").sendKeys("ACC-100099");
        browser.visible("#switch-name").sendKeys("Nora Smith");
        browser.clickable("#switch-check").click();
        assertThat(browser.text("#switch-confirm"))
                .contains("cannot be undone")
                .contains("cancels northern-power’s codes")
                .contains("open install-code requests");
        assertThat(count("SELECT count(*) FROM supply_switch"))
                .as("nothing recorded before confirming")
                .isEqualTo(2);
        assertAccessible("change of supplier, confirming");
        browser.screenshot("change-of-supplier", 2400);
        browser.clickable("#switch-record").click();
        browser.waitForText("#switch-done", "Premises gained from Northern Power");
        assertThat(browser.text("#switch-devices"))
                .contains(NORAS_METER)
                .contains(mpan)
                .contains("northern-power");
        browser.waitForText("#switch-table", "3 Station Road");

        browser.clickable("#switch-devices a").click();
        browser.waitForText("#device-record", "Installed by");
        assertThat(browser.text("#device-record"))
                .contains("Northern Power")
                .contains("we supply it now")
                .contains("still trusts the losing supplier’s key");
        browser.clickable("#device a[href*='install-codes.html']").click();
        assertThat(browser.visible("#raise-device").getAttribute("value")).isEqualTo(NORAS_METER);
    }

    @Test
    void aSupervisorEscalatesTheOverdueRequestAndSeesHowEachSupplierAnswered() {
        browser.signIn("sue.supervisor", PASSWORD);
        browser.go("/console/install-codes.html");
        new Select(browser.visible("#RAISED-show")).selectByValue("OVERDUE");
        String overdue = "#RAISED-list li[data-device='" + DURHAM_GAS + "']";
        browser.waitForText(overdue, "working days late");
        browser.clickable(overdue + " button[aria-label^='Escalate']").click();
        browser.visible("dialog[open] textarea").sendKeys("chased by email; escalating to our SECAS contact");
        browser.clickable("dialog[open] button[type='submit']").click();
        browser.waitForText("#RAISED-message", "Escalated");
        browser.waitForText(overdue, "Escalated");
        assertThat(browser.all(overdue + " button"))
                .extracting(WebElement::getText)
                .containsExactly("Withdraw");

        browser.waitForText("#performance-table", "Northern Power, answering us");
        // The overdue request is due and not answered: at most the other requests were answered in time.
        assertThat(browser.visible("#performance-table tr[data-direction='RAISED'][data-supplier='northern-power']")
                        .getText())
                .containsPattern("\\d+% \\(\\d+ of [1-9]\\d*\\)");
        assertThat(browser.text("#performance-table tr[data-direction='OWED']"))
                .contains("We, answering Northern Power");
        assertAccessible("install codes (supervisor)");
    }

    @Test
    void theInstallerRecordsTheCommissioningOfAPartialInstall() {
        browser.signIn("sam.supervisor", PASSWORD);
        browser.go("/console/devices.html");
        browser.visible("#device-id").sendKeys(GRACES_GAS);
        browser.clickable("#device-button").click();
        browser.waitForText("#device-record", "Partial install");
        assertThat(browser.text("#install-form")).contains("Correct the install record");
        browser.clickable("#commissioned-button").click();
        browser.waitForText("#device-record [data-key='Commissioned']", "by Bright Energy");
        assertThat(browser.text("#device-record [data-key='State']")).doesNotContain("not commissioned");
        assertThat(browser.all("#commissioned-button")).isEmpty();
        assertAccessible("devices (installer)");
    }

    @Test
    void theNewPagesFitA360PixelScreenAndPassTheChecks() {
        browser.width(360, 780);
        browser.signIn("olly.ops", PASSWORD);
        for (String page : new String[] {"install-codes", "devices", "follow-up"}) {
            browser.go("/console/" + page + ".html");
            browser.visible("#main h1");
            browser.waitForText("main", page.equals("follow-up") ? "to follow up" : "");
            assertFits(page);
        }
        browser.signIn("ned.supervisor", PASSWORD);
        browser.go("/console/devices.html#device=" + DURHAM_ELECTRICITY);
        browser.waitForText("#device-record", "Installed by");
        assertThat(browser.text("#device-record"))
                .contains("Northern Power (us)")
                .contains("ended: another supplier has it");
        assertFits("devices, one device");
        browser.screenshot("devices-360");
    }
}
