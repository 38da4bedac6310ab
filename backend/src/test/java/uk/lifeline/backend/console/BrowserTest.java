package uk.lifeline.backend.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import uk.lifeline.backend.testing.BackendTest;

/**
 * A console test class: the running backend, one {@link Browser} for the whole class (skipped where Debian's
 * Chromium is missing), a desktop-sized window before each test, and the layout and accessibility assertions
 * every page must pass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTest extends BackendTest {

    static final String PASSWORD = "demo-password";
    protected Browser browser;

    @BeforeAll
    void openBrowser() {
        assumeTrue(
                Files.isExecutable(Browser.CHROMIUM) && Files.isExecutable(Browser.CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (.ci/run installs them)");
        browser = Browser.open(port);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            System.out.println(getClass().getSimpleName() + ": axe-core checked " + browser.axeStates()
                    + " page states against " + browser.axeRules() + " WCAG 2.1 A/AA rules");
            browser.close();
        }
    }

    @BeforeEach
    void desktop() {
        browser.width(Browser.DESKTOP.width, Browser.DESKTOP.height);
    }

    /**
     * The page as it stands passes axe-core's WCAG 2.1 A and AA rules, the console's own checks (labels, names,
     * contrast with layers blended), and the browser reported no Content-Security-Policy violation.
     */
    protected void assertAccessible(String page) {
        assertThat(browser.accessibilityProblems())
                .as("accessibility of the " + page + " page")
                .isEmpty();
        assertThat(browser.axeViolations(page))
                .as("axe-core WCAG 2.1 AA violations on the " + page + " page")
                .isEmpty();
        assertThat(browser.policyViolations())
                .as("CSP violations in the browser's console on the " + page + " page")
                .isEmpty();
    }

    /** The page is no wider than the window (naming what sticks out when it is) and passes the checks. */
    protected void assertFits(String page) {
        assertThat(browser.overflow())
                .as("how far the " + page + " page sticks out of 360 px; widest: "
                        + browser.js(
                                "return [...document.querySelectorAll('main *')].filter((e) => !e.closest('.table-wrap')"
                                        + " && e.getBoundingClientRect().right > window.innerWidth + 0.5)"
                                        + ".map((e) => e.outerHTML.slice(0, 100)).slice(-3)"))
                .isLessThanOrEqualTo(0);
        assertAccessible(page + " (360 px)");
    }
}
