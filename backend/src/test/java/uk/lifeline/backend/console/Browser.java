package uk.lifeline.backend.console;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium driven through Debian's chromedriver (never Selenium Manager, never a download),
 * shared by a test class: page helpers, full-page screenshots under {@code target/screenshots}, and the
 * accessibility checks the consoles must pass (labels, contrast, width). Not thread-safe.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of(System.getProperty("lifeline.test.dir", "target/test-data"))
            .toAbsolutePath()
            .getParent()
            .resolve("screenshots");
    static final Dimension DESKTOP = new Dimension(1366, 768);

    final ChromeDriver driver;
    private final String base;

    private Browser(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    static Browser open(int port) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage",
                "--window-size=" + DESKTOP.width + "," + DESKTOP.height,
                "--lang=en-GB",
                "--hide-scrollbars");
        // The browser's console, to find Content-Security-Policy violations.
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return new Browser(driver, "http://localhost:" + port);
    }

    void go(String path) {
        driver.get(base + path);
    }

    /**
     * Waits for a condition, asking again when the page was navigating at the moment it was asked (Chrome aborts a
     * find that meets a navigation, as when a form's submit opens the code's readout page), or when an element it
     * found was replaced meanwhile (pages that refresh on a timer render their tables anew).
     */
    WebDriverWait waiting(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds)) {
            @Override
            public <V> V until(Function<? super WebDriver, ? extends V> condition) {
                return super.until((WebDriver d) -> {
                    try {
                        return condition.apply(d);
                    } catch (StaleElementReferenceException e) {
                        return null;
                    } catch (WebDriverException e) {
                        if (String.valueOf(e.getMessage()).contains("aborted by navigation")) {
                            return null;
                        }
                        throw e;
                    }
                });
            }
        };
    }

    WebElement visible(String css) {
        return waiting(15).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    WebElement clickable(String css) {
        return waiting(15).until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
    }

    /** The text of a visible element, read again if the page re-rendered it meanwhile (pages refresh on a timer). */
    String text(String css) {
        return waiting(15).until(d -> {
            WebElement e = d.findElement(By.cssSelector(css));
            return e.isDisplayed() ? e.getText() : null;
        });
    }

    void waitForText(String css, String text) {
        waiting(20).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /**
     * Puts the keyboard's focus on an element, waits (through a page's refresh, say) and answers what has the focus
     * then: its id, or else its aria-label.
     */
    Object focusedAfter(WebElement element, Duration wait) {
        js("arguments[0].focus()", element);
        return js(
                "return new Promise((done) => setTimeout(() => done(document.activeElement.id"
                        + " || document.activeElement.getAttribute('aria-label')), arguments[0]))",
                wait.toMillis());
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Forgets the session as sign-out does, and opens the sign-in page. */
    void signedOut() {
        go("/?why=signedout");
        // Ends the browser's console session (its HttpOnly cookie), as the Sign out button does.
        ((JavascriptExecutor) driver)
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + " fetch('/api/v1/auth/console-session', {method: 'DELETE'}).finally(() => done());");
        js("sessionStorage.clear(); localStorage.clear();");
        go("/?why=signedout");
        visible("#username");
    }

    void signIn(String username, String password) {
        signedOut();
        visible("#username").sendKeys(username);
        visible("#password").sendKeys(password);
        clickable("#signin-button").click();
        visible("#sign-out");
    }

    void width(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** The whole page, not just the viewport, as target/screenshots/{name}.png. */
    Path screenshot(String name) {
        return screenshot(name, 6000);
    }

    /** The page from the top, at most {@code most} CSS pixels of it, as target/screenshots/{name}.png. */
    Path screenshot(String name, int most) {
        Dimension before = driver.manage().window().getSize();
        long height = Math.min(
                most,
                ((Number) js("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)"))
                        .longValue());
        long chrome = before.height - ((Number) js("return window.innerHeight")).longValue();
        driver.manage().window().setSize(new Dimension(before.width, (int) (height + chrome)));
        js("window.scrollTo(0, 0)");
        try {
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /** What the accessibility checks found wrong on the current page; empty when it passes. */
    @SuppressWarnings("unchecked")
    List<String> accessibilityProblems() {
        return (List<String>) js(AccessibilityChecks.SCRIPT);
    }

    /** The WCAG 2.1 A and AA rules axe-core runs; each page state checked against all of them. */
    static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private int axeStates;
    private final java.util.Set<String> axeRules = new java.util.TreeSet<>();

    /** axe-core's violations on the page as it stands, one line per rule and element. */
    List<String> axeViolations(String page) {
        Results results = new AxeBuilder().withTags(WCAG_21_AA).analyze(driver);
        axeStates++;
        results.getPasses().forEach(r -> axeRules.add(r.getId()));
        results.getViolations().forEach(r -> axeRules.add(r.getId()));
        results.getIncomplete().forEach(r -> axeRules.add(r.getId()));
        results.getInapplicable().forEach(r -> axeRules.add(r.getId()));
        return results.getViolations().stream()
                .flatMap(rule -> rule.getNodes().stream()
                        .map(node -> rule.getId()
                                + " (" + rule.getImpact() + "): " + node.getTarget() + " "
                                + String.valueOf(node.getHtml())
                                        .substring(
                                                0,
                                                Math.min(
                                                        120,
                                                        String.valueOf(node.getHtml())
                                                                .length()))))
                .toList();
    }

    int axeStates() {
        return axeStates;
    }

    int axeRules() {
        return axeRules.size();
    }

    /** Content-Security-Policy violations the browser logged since the last call. */
    List<String> policyViolations() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
                .toList();
    }

    /** How far the page is wider than the viewport, in CSS pixels (0 when nothing sticks out). */
    long overflow() {
        return ((Number) js("return document.documentElement.scrollWidth - window.innerWidth")).longValue();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> storage() {
        return (Map<String, Object>)
                js("return {session: Object.assign({}, sessionStorage)," + " local: Object.assign({}, localStorage)};");
    }

    @Override
    public void close() {
        driver.quit();
    }
}
