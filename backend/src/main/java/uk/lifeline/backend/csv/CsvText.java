package uk.lifeline.backend.csv;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 text, both ways: lines for exports (CRLF, quoted where needed, a leading {@code = + - @} escaped so a
 * spreadsheet does not run it as a formula) and records read from an upload (quoted fields, doubled quotes, CRLF
 * or LF). Stateless.
 */
public final class CsvText {

    private static final String FORMULA_STARTS = "=+-@";

    private CsvText() {}

    /** One line of an export, ending in CRLF; null fields are empty. */
    public static String line(List<String> fields) {
        StringBuilder out = new StringBuilder();
        for (String field : fields) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(escape(field == null ? "" : field));
        }
        return out.append("\r\n").toString();
    }

    private static String escape(String field) {
        String safe = !field.isEmpty() && FORMULA_STARTS.indexOf(field.charAt(0)) >= 0 ? "'" + field : field;
        boolean quoted = safe.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        return quoted ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }

    /**
     * The records of an upload, each a list of fields, blank lines left out.
     *
     * @throws IllegalArgumentException for a quote left open, naming the line it opened on
     */
    public static List<List<String>> records(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean inQuotes = false;
        boolean wasQuoted = false;
        int line = 1;
        int quoteLine = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inQuotes) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    inQuotes = false;
                } else {
                    line += c == '\n' ? 1 : 0;
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0 && !wasQuoted) {
                inQuotes = true;
                wasQuoted = true;
                quoteLine = line;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                line++;
                record.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
                addUnlessBlank(records, record);
                record = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (inQuotes) {
            throw new IllegalArgumentException("a quoted field opened on line " + quoteLine + " is never closed");
        }
        record.add(field.toString());
        addUnlessBlank(records, record);
        return records;
    }

    private static void addUnlessBlank(List<List<String>> records, List<String> record) {
        if (!(record.size() == 1 && record.get(0).isBlank())) {
            records.add(record);
        }
    }
}
