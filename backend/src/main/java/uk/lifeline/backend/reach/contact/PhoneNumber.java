package uk.lifeline.backend.reach.contact;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A telephone number in E.164 ({@code +447700900123}). Parsed from what an agent types: international
 * ({@code +44 7700 900123}, {@code 0044...}) or a UK national number ({@code 07700 900123}); spaces, dashes,
 * dots and brackets are ignored. Immutable.
 */
public record PhoneNumber(String e164) {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-.()]");

    public PhoneNumber {
        if (e164 == null || !E164.matcher(e164).matches()) {
            throw new IllegalArgumentException("not an E.164 number");
        }
    }

    /** The number, or empty when the text is not one (the caller says why in its own words). */
    public static Optional<PhoneNumber> parse(String text) {
        if (text == null || text.length() > 30) {
            return Optional.empty();
        }
        String s = SEPARATORS.matcher(text).replaceAll("");
        if (s.startsWith("00")) {
            s = "+" + s.substring(2);
        } else if (s.startsWith("0")) {
            s = "+44" + s.substring(1);
        }
        if (s.startsWith("+440")) {
            // "+44 (0)7700 900123": the trunk zero is not dialled from abroad.
            s = "+44" + s.substring(4);
        }
        if (!E164.matcher(s).matches()) {
            return Optional.empty();
        }
        if (s.startsWith("+44") && s.length() != 13 && s.length() != 12) {
            return Optional.empty();
        }
        return Optional.of(new PhoneNumber(s));
    }

    /** A UK mobile (07...), or any number outside the UK, whose kind we cannot tell: both may take texts. */
    public boolean mayTakeTexts() {
        return !e164.startsWith("+44") || (e164.startsWith("+447") && e164.length() == 13);
    }

    /** The last three digits, for logs and audit entries that must not hold the whole number. */
    public String tail() {
        return "..." + e164.substring(e164.length() - 3);
    }

    @Override
    public String toString() {
        return e164;
    }
}
