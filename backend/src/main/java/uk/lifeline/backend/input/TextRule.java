package uk.lifeline.backend.input;

import java.util.Locale;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.FieldProblem;
import uk.lifeline.backend.problem.ProblemType;

/**
 * The one rule for text the API takes in, wherever it comes from (JSON string values and map keys, query
 * parameters, path segments, headers, uploaded CSV cells): tab and newline are the only control characters
 * allowed. Refused: the rest of C0 (U+0000-U+001F, so NUL and CR too), DEL (U+007F), C1 (U+0080-U+009F), a
 * surrogate without its pair (not text: it cannot be stored as UTF-8), and Unicode's noncharacters (U+FDD0-U+FDEF
 * and U+xxFFFE/U+xxFFFF in every plane, which mark a broken decoder rather than anything a person typed).
 * Everything else, Welsh and other non-ASCII letters included, is allowed. Stateless.
 */
public final class TextRule {

    private TextRule() {}

    /** What is wrong with the text (the first offending character and where it is), or null when it is fine. */
    public static String fault(CharSequence text) {
        if (text == null) {
            return null;
        }
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\t' || c == '\n' || c >= 0x20 && c < 0x7f) {
                continue;
            }
            if (c < 0x20 || c <= 0x9f) {
                return describe("control character", c, i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, text.charAt(i + 1));
                if (isNoncharacter(codePoint)) {
                    return describe("noncharacter", codePoint, i);
                }
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                return describe("unpaired surrogate", c, i);
            }
            if (isNoncharacter(c)) {
                return describe("noncharacter", c, i);
            }
        }
        return null;
    }

    /** The refusal for a field whose text breaks the rule: 400 {@code invalid-text} naming the field. */
    public static ApiException refusal(String field, String fault) {
        String message = fault + "; only tab and newline are allowed among control characters";
        return new ApiException(
                ProblemType.INVALID_TEXT, field + ": " + message, java.util.List.of(FieldProblem.of(field, message)));
    }

    /**
     * The text, when it keeps the rule.
     *
     * @throws ApiException {@code invalid-text} naming {@code field} when it does not
     */
    public static String require(String field, String text) {
        String fault = fault(text);
        if (fault != null) {
            throw refusal(field, fault);
        }
        return text;
    }

    static boolean isNoncharacter(int codePoint) {
        return codePoint >= 0xFDD0 && codePoint <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;
    }

    private static String describe(String what, int codePoint, int index) {
        return String.format(Locale.ROOT, "%s U+%04X at position %d", what, codePoint, index);
    }
}
