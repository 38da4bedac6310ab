package uk.lifeline.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON (RFC 8259) reader for small documents such as a meter configuration. Objects become unmodifiable
 * {@code Map<String, Object>} in document order, arrays unmodifiable {@code List<Object>}, strings {@code String},
 * numbers {@link BigDecimal} (exactly as written: money is never a double), {@code true}/{@code false}
 * {@code Boolean}, and {@code null} Java null. A duplicate key, trailing text, or nesting deeper than
 * {@value #MAX_DEPTH} is refused. Thread-safe: each parse has its own private cursor.
 */
public final class JsonReader {

    static final int MAX_DEPTH = 64;

    private final String text;
    private int at;

    private JsonReader(String text) {
        this.text = text;
    }

    /** @throws JsonParseException saying what was expected where */
    public static Object parse(String text) {
        JsonReader reader = new JsonReader(text);
        reader.skipSpace();
        Object value = reader.value(0);
        reader.skipSpace();
        if (reader.at != text.length()) {
            throw reader.error("end of input");
        }
        return value;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("at most " + MAX_DEPTH + " levels of nesting");
        }
        if (at >= text.length()) {
            throw error("a value");
        }
        char c = text.charAt(at);
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("a value");
        }
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> members = new LinkedHashMap<>();
        at++;
        skipSpace();
        if (peek('}')) {
            at++;
            return Collections.unmodifiableMap(members);
        }
        while (true) {
            if (!peek('"')) {
                throw error("a string key");
            }
            int keyAt = at;
            String key = string();
            if (members.containsKey(key)) {
                at = keyAt;
                throw error("a key not given before in this object");
            }
            skipSpace();
            expect(':');
            skipSpace();
            members.put(key, value(depth + 1));
            skipSpace();
            if (peek(',')) {
                at++;
                skipSpace();
            } else {
                expect('}');
                return Collections.unmodifiableMap(members);
            }
        }
    }

    private List<Object> array(int depth) {
        List<Object> items = new ArrayList<>();
        at++;
        skipSpace();
        if (peek(']')) {
            at++;
            return Collections.unmodifiableList(items);
        }
        while (true) {
            items.add(value(depth + 1));
            skipSpace();
            if (peek(',')) {
                at++;
                skipSpace();
            } else {
                expect(']');
                return Collections.unmodifiableList(items);
            }
        }
    }

    private String string() {
        at++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw error("a closing quote");
            }
            char c = text.charAt(at);
            if (c == '"') {
                at++;
                return out.toString();
            }
            if (c < 0x20) {
                throw error("no control character inside a string (escape it)");
            }
            if (c == '\\') {
                at++;
                out.append(escape());
            } else {
                out.append(c);
                at++;
            }
        }
    }

    private char escape() {
        if (at >= text.length()) {
            throw error("an escape");
        }
        char c = text.charAt(at++);
        switch (c) {
            case '"':
                return '"';
            case '\\':
                return '\\';
            case '/':
                return '/';
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                if (at + 4 > text.length()) {
                    throw error("four hex digits");
                }
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    int digit = Character.digit(text.charAt(at), 16);
                    if (digit < 0) {
                        throw error("four hex digits");
                    }
                    code = code * 16 + digit;
                    at++;
                }
                return (char) code;
            default:
                at--;
                throw error("one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
        }
    }

    private BigDecimal number() {
        int start = at;
        if (peek('-')) {
            at++;
        }
        if (peek('0')) {
            at++;
        } else if (!digits()) {
            throw error("a digit");
        }
        if (peek('.')) {
            at++;
            if (!digits()) {
                throw error("a digit after the decimal point");
            }
        }
        if (peek('e') || peek('E')) {
            at++;
            if (peek('+') || peek('-')) {
                at++;
            }
            if (!digits()) {
                throw error("a digit in the exponent");
            }
        }
        try {
            return new BigDecimal(text.substring(start, at));
        } catch (NumberFormatException e) {
            at = start;
            throw error("a number a decimal can hold");
        }
    }

    private boolean digits() {
        int start = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return at > start;
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, at)) {
            throw error("a value");
        }
        at += word.length();
        return value;
    }

    private boolean peek(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("'" + c + "'");
        }
        at++;
    }

    private void skipSpace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private JsonParseException error(String expected) {
        return new JsonParseException("expected " + expected, text, at);
    }
}
