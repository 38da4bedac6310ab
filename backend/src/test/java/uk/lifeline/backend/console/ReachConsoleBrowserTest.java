package uk.lifeline.backend.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import uk.lifeline.backend.reach.sms.DemoSmsc;

/**
 * Reaching customers in a real browser on the demo data, with the demo's loopback SMSC and a fast ladder: a notice
 * over LS6 and YO21 whose Welsh customer's texts are not delivered; the campaign page shows the reach per channel,
 * never reads as done, and lists him as unreached with what was tried; the demo phones page shows the texts in
 * each customer's language and a reply typed there reaches the backend and is answered; an agent sees a code's
 * attempts.
 */
@TestPropertySource(
        properties = {
            "lifeline.demo.enabled=true",
            "lifeline.demo.bench-meters=0",
            "lifeline.sms.demo-port=27753",
            "lifeline.sms.poll-interval=100ms",
            "lifeline.reach.ladder.app-deadline=0s",
            "lifeline.reach.ladder.emergency-app-deadline=0s",
            "lifeline.reach.ladder.text-deadline=2s",
            "lifeline.reach.ladder.poll-interval=200ms",
            "lifeline.campaigns.poll-interval=100ms"
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReachConsoleBrowserTest extends BrowserTest {

    private static final String COLIN_MOBILE = "+447700900002";

    @Autowired
    DemoSmsc smsc;

    private String campaign;

    @BeforeAll
    void notice() {
        smsc.running()
                .orElseThrow()
                .receipts(
                        r -> COLIN_MOBILE.equals(r.to()) ? DeliveryReceiptState.UNDELIV : DeliveryReceiptState.DELIVRD);
        Map<?, ?> token = http.post()
                .uri("/api/v1/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "olly.ops", "password", PASSWORD))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        Instant from = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        Map<?, ?> made = post(
                        (String) token.get("access_token"),
                        "/api/v1/notices",
                        Map.of(
                                "title",
                                "Storm Darragh",
                                "message",
                                "Your supply stays on through the storm",
                                "reason",
                                "amber warning",
                                "area",
                                Map.of("districts", List.of("LS6", "YO21")),
                                "startsAt",
                                from.toString(),
                                "endsAt",
                                from.plus(Duration.ofDays(2)).toString()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        campaign = (String) made.get("id");
    }

    @Test
    @Order(1)
    void theCampaignPageShowsReachPerChannelAndWhoIsStillUnreachedAndNeverReadsDone() {
        browser.signIn("olly.ops", PASSWORD);
        browser.go("/console/campaign.html?id=" + campaign);
        browser.waitForText("#campaign-title", "Storm Darragh");
        assertThat(browser.text("#campaign-message")).isEqualTo("Your supply stays on through the storm");
        assertThat(browser.text("#campaign-area")).isEqualTo("LS6, YO21");
        assertThat(browser.text("#campaign-window")).containsPattern("\\d{2}:\\d{2} (GMT|BST) to ");
        assertThat(browser.text("#campaign-launcher")).isEqualTo("Olly Ops");

        // The ladder texts everyone at once (app deadline 0); Colin's texts are not delivered, so after the call
        // step he goes on the call centre's list. The page refreshes its reach every 10 seconds.
        browser.waiting(60).until(d -> {
            List<WebElement> rows = browser.all("#reach-unreached-list tbody tr");
            return !rows.isEmpty() && rows.get(0).getText().contains("call_centre");
        });
        // Read through browser.text: should the page render anew between two reads, the second reads the new one.
        String texts = "#reach-table tr[data-channel='sms'] td";
        assertThat(Integer.parseInt(browser.text(texts + ":nth-of-type(1)")))
                .as("texted")
                .isEqualTo(3);
        assertThat(Integer.parseInt(browser.text(texts + ":nth-of-type(2)")))
                .as("delivered")
                .isEqualTo(2);
        assertThat(Integer.parseInt(browser.text(texts + ":nth-of-type(3)")))
                .as("failed")
                .isEqualTo(1);
        // Nobody in the area agreed to calls: the voice channel made none.
        assertThat(browser.text("#reach-table tr[data-channel='voice']")).isEqualTo("Voice call 0 0 0");
        assertThat(browser.text("#reach-figures [data-count='unreached'] .n")).isEqualTo("1");
        assertThat(browser.text("#reach-summary")).startsWith("Not done: 1 of 3");
        browser.waitForText("#campaign-status", "not done");
        assertThat(browser.text("#campaign-status")).doesNotContainIgnoringCase("completed");
        assertThat(browser.text("#reach-unreached-list tbody tr"))
                .contains("ACC-100002", "Colin Patel", "text: texted ...002", "voice: no call");
        assertThat(browser.text("#reach-unreached-csv")).contains("(1 rows)");
        // A refresh that changes nothing leaves the page alone: an agent who tabbed to the download keeps her place.
        WebElement download = browser.visible("#reach-unreached-csv");
        assertThat(browser.focusedAfter(download, Duration.ofMillis(10_500))).isEqualTo("reach-unreached-csv");
        assertThat(download.isDisplayed())
                .as("the same button, not one drawn anew")
                .isTrue();
        assertThat(browser.visible("#demo-phones-link a").getAttribute("href")).endsWith("/console/demo-phones.html");
        assertAccessible("campaign with reach");
        browser.screenshot("campaign-reach");
    }

    @Test
    @Order(2)
    void theDemoPhonesShowTheTextsInTheCustomersLanguageAndAReplyIsAnswered() {
        browser.signIn("olly.ops", PASSWORD);
        browser.go("/console/demo-phones.html");
        browser.waitForText("#phones", "Carol Jones (ACC-100001)");
        browser.waiting(30).until(d -> phone("Carol Jones").getText().contains("Bright Energy"));
        String latest = browser.waiting(15).until(d -> phone("Carol Jones")
                .findElement(By.cssSelector(".texts li"))
                .getText());
        assertThat(latest).containsPattern("Received, \\d+ \\w+ \\d{4}, \\d{2}:\\d{2} (GMT|BST)");
        // Colin reads Welsh: his texts are marked Welsh, and his reply words are Welsh.
        browser.waiting(30).until(d -> !phone("Colin Patel")
                .findElements(By.cssSelector(".texts .text-body[lang='cy']"))
                .isEmpty());
        assertThat(phone("Colin Patel").findElements(By.cssSelector(".reply-form button[lang='cy']")).stream()
                        .map(WebElement::getText)
                        .toList())
                .containsExactly("ETO", "WEDI", "CYMORTH", "STOPIO");
        assertAccessible("demo phones");

        // An empty reply is refused next to the field; HELP goes through the SMSC and is answered.
        phone("Carol Jones")
                .findElement(By.cssSelector(".reply-form button[type='submit']"))
                .click();
        browser.waiting(10).until(d -> phone("Carol Jones")
                .findElement(By.cssSelector(".field-error"))
                .getText()
                .contains("required"));
        phone("Carol Jones")
                .findElement(By.cssSelector("button[aria-label='Text HELP as Carol Jones']"))
                .click();
        browser.waiting(30).until(d -> phone("Carol Jones").getText().contains("Sent by the customer"));
        browser.waiting(30)
                .until(d -> phone("Carol Jones").findElements(By.cssSelector(".texts li.to-customer")).stream()
                        .anyMatch(li -> li.getText().contains("We will call you back")));
        assertThat(count("SELECT count(*) FROM reach_task WHERE kind = 'CALL_BACK'"))
                .isEqualTo(1);
        browser.screenshot("demo-phones");
        browser.width(360, 780);
        assertFits("demo phones");
    }

    @Test
    @Order(3)
    void anAgentSeesACodesAttemptsOnEveryChannel() {
        browser.signIn("amy.agent", PASSWORD);
        WebElement box = browser.visible("#q");
        box.sendKeys("LS6 2AB");
        browser.clickable("#search-button").click();
        browser.waitForText("#results", "found");
        browser.waitForText("#customer-heading", "Carol Jones");
        browser.clickable("#customer li[data-meter='00DB1234567800A1'] button").click();
        browser.waitForText("#history-status", " in all;");
        browser.clickable("#history tbody tr:first-child button[aria-label^='How the code']")
                .click();
        browser.waitForText("#attempts", "Text sent");
        assertThat(browser.visible("#attempts").getText())
                .contains("Step: text", "texted ...001", "delivered")
                .containsPattern("(GMT|BST)");
        assertAccessible("a code's attempts");
        browser.screenshot("code-attempts");
    }

    private WebElement phone(String name) {
        return browser.all("section.phone").stream()
                .filter(s -> s.getText().contains(name + " (ACC-"))
                .findFirst()
                .orElseThrow();
    }
}
