package uk.lifeline.cli;

import java.util.Map;

/** Writes the CLI's small JSON objects. Stateless. */
final class Json {
    private Json() {}

    static String string(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"').toString();
    }

    /** An object whose values are already JSON text. */
    static String object(Map<String, String> jsonValues) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, String> e : jsonValues.entrySet()) {
            out.append(out.length() == 1 ? "" : ",")
                    .append(string(e.getKey()))
                    .append(':')
                    .append(e.getValue());
        }
        return out.append('}').toString();
    }

    static String stringObject(Map<String, String> values) {
        java.util.LinkedHashMap<String, String> quoted = new java.util.LinkedHashMap<>();
        values.forEach((k, v) -> quoted.put(k, string(v)));
        return object(quoted);
    }
}
