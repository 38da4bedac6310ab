package uk.lifeline.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/** Every text colour the app uses on each background it uses it on, against WCAG 2.1's contrast ratios. */
public class ContrastTest {

    /** Foreground, background, the least ratio: 7 (AAA) for body text, 4.5 (AA) at the least. */
    static final Object[][] PAIRS = {
        {"text", "page", 7.0},
        {"text_quiet", "page", 7.0},
        {"verified", "page", 7.0},
        {"action", "page", 7.0},
        {"action_text", "action", 7.0},
        {"text", "notice", 7.0},
        {"warning_text", "warning", 7.0},
        {"text", "card", 7.0},
        {"text_quiet", "card", 7.0},
        {"verified", "card", 7.0},
        {"action", "card", 7.0},
        {"disabled_text", "disabled", 7.0},
        {"bar_text", "bar", 7.0},
    };

    @Test
    public void everyTextAndBackgroundPairIsAtLeastAaa() throws Exception {
        checkAll(colours("values"));
    }

    @Test
    public void theDarkThemeKeepsEveryPairAtLeastAaaAndDefinesEveryColour() throws Exception {
        Map<String, Integer> dark = colours("values-night");
        assertThat(dark.keySet())
                .containsExactlyInAnyOrderElementsOf(colours("values").keySet());
        checkAll(dark);
    }

    private static void checkAll(Map<String, Integer> colours) {
        for (Object[] pair : PAIRS) {
            double ratio = ratio(colours.get((String) pair[0]), colours.get((String) pair[1]));
            assertThat(ratio).as(pair[0] + " on " + pair[1]).isGreaterThanOrEqualTo((Double) pair[2]);
        }
    }

    static Map<String, Integer> colours(String folder) throws Exception {
        String xml = new String(
                java.nio.file.Files.readAllBytes(new File("src/main/res/" + folder + "/colors.xml").toPath()),
                java.nio.charset.StandardCharsets.UTF_8);
        Map<String, Integer> colours = new HashMap<>();
        Matcher m = Pattern.compile("<color name=\"([a-z_]+)\">#([0-9A-Fa-f]{6})</color>")
                .matcher(xml);
        while (m.find()) {
            colours.put(m.group(1), Integer.parseInt(m.group(2), 16));
        }
        return colours;
    }

    /** WCAG 2.1: (L1 + 0.05) / (L2 + 0.05), L the relative luminance of the lighter and the darker colour. */
    static double ratio(int a, int b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    static double luminance(int rgb) {
        return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
    }

    static double channel(int value) {
        double c = (value & 0xFF) / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
