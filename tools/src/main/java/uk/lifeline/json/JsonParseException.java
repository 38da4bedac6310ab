package uk.lifeline.json;

/**
 * JSON text that does not parse: says what was expected and at which character, echoing at most a short piece of
 * the input there. Immutable.
 */
public final class JsonParseException extends IllegalArgumentException {

    private static final int ECHO = 20;
    private final int index;

    JsonParseException(String expected, String text, int index) {
        super(expected + " at index " + index
                + (index < text.length() ? " near '" + echo(text, index) + "'" : " (end of input)"));
        this.index = index;
    }

    /** At most {@value #ECHO} characters from {@code index}, up to the end of the line. */
    private static String echo(String text, int index) {
        String piece = text.substring(index, Math.min(text.length(), index + ECHO));
        int lineBreak = piece.indexOf('\n');
        return lineBreak < 0 ? piece : piece.substring(0, lineBreak);
    }

    /** The index of the character where parsing failed; the text's length when it ended too soon. */
    public int index() {
        return index;
    }
}
