package uk.lifeline.app.supplier;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to reach code entry on one model of in-home display (PPMID) or meter, in the supplier's own words, English
 * and Welsh: part of the supplier's signed configuration, so the app never invents a model's details. Immutable.
 *
 * @param model the name the customer knows the device by (what is printed on it, or the supplier's name for it)
 * @param steps the guidance by language ({@code en}, {@code cy})
 */
public record KeypadGuide(String model, Map<String, String> steps) {

    /** The longest model name and guidance the app will show: a configuration is words for a screen, not a file. */
    static final int LONGEST_MODEL = 60;

    static final int LONGEST_STEPS = 800;

    public KeypadGuide {
        checked("model", model, LONGEST_MODEL);
        steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
        for (String language : new String[] {"en", "cy"}) {
            checked(model + "'s guidance (" + language + ")", steps.get(language), LONGEST_STEPS);
        }
    }

    /** The guidance in this language ({@code en} or {@code cy}), else in English. */
    public String steps(String language) {
        String words = steps.get(language);
        return words != null ? words : steps.get("en");
    }

    private static void checked(String what, String text, int longest) {
        if (text == null || text.trim().isEmpty()) {
            throw new IllegalArgumentException("a keypad guide needs " + what);
        }
        if (text.length() > longest) {
            throw new IllegalArgumentException(what + " is longer than " + longest + " characters");
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " has a control character");
        }
    }
}
