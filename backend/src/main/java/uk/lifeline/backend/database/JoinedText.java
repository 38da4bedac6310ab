package uk.lifeline.backend.database;

/**
 * Many long texts sent to PostgreSQL as one text parameter, split there into a {@code text[]}: for a batch's
 * envelopes, stored answers and audit entries. The driver writes a text parameter as it is, but escapes a
 * {@code String[]} parameter character by character into an array literal, which was a tenth of the backend's
 * CPU when issuing (docs/performance.md). Only for texts the backend writes itself (JSON, envelopes), which never
 * hold the separator; one that does is refused, not split wrongly.
 */
public final class JoinedText {

    /** ASCII record separator: never in JSON text (a control character is escaped there) or an envelope. */
    private static final char SEPARATOR = '\u001e';

    private JoinedText() {}

    /**
     * The SQL that splits the named parameter back into a {@code text[]}, nulls included, for {@code unnest}.
     *
     * @param parameter the parameter's name, bound with {@link #of}
     */
    public static String array(String parameter) {
        // An empty element is a null: no text kept this way is empty.
        return "string_to_array(:" + parameter + ", E'\\x1e', '')";
    }

    /**
     * The texts joined for {@link #array}. Nulls and empty texts come back as nulls; an empty array as one null
     * (callers {@code unnest} it beside arrays of the same length, which pad with nulls).
     */
    public static String of(String[] values) {
        int length = 0;
        for (String v : values) {
            length += (v == null ? 0 : v.length()) + 1;
        }
        StringBuilder joined = new StringBuilder(length);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                joined.append(SEPARATOR);
            }
            String v = values[i];
            if (v != null) {
                if (v.indexOf(SEPARATOR) >= 0) {
                    throw new IllegalArgumentException("a text to be joined holds the separator U+001E");
                }
                joined.append(v);
            }
        }
        return joined.toString();
    }
}
