package uk.lifeline.backend.installcode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import uk.lifeline.backend.input.TextRule;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;

/**
 * A bulk upload of install-code requests: CSV with a header naming {@code deviceId} and/or {@code mpxn}, and
 * optionally {@code note}; then one device per row. A file that cannot be read as such is refused whole
 * ({@code malformed-upload}); a row that is not well formed becomes a {@code malformed-row} refusal and the rest
 * are read. Immutable.
 *
 * @param wanted the well-formed rows
 * @param malformed the rows that are not
 */
record BulkFile(List<Wanted> wanted, List<RequestService.RowRefusal> malformed) {

    static final int MAX_ROWS = 5000;
    static final int MAX_BYTES = 1024 * 1024;
    private static final Map<String, String> COLUMNS = Map.of(
            "deviceid",
            "deviceId",
            "device_id",
            "deviceId",
            "mpxn",
            "mpxn",
            "mpan",
            "mpxn",
            "mprn",
            "mpxn",
            "note",
            "note");

    static BulkFile parse(String text) {
        List<List<String>> records;
        try {
            records = uk.lifeline.backend.csv.CsvText.records(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
        requireText(records);
        if (records.isEmpty()) {
            throw malformed("the file is empty: give a header row (deviceId,mpxn,note) and one device per row");
        }
        Map<String, Integer> at = header(records.get(0));
        if (records.size() - 1 > MAX_ROWS) {
            throw malformed("at most " + MAX_ROWS + " rows per file, not " + (records.size() - 1));
        }
        List<Wanted> wanted = new ArrayList<>();
        List<RequestService.RowRefusal> bad = new ArrayList<>();
        for (int row = 1; row < records.size(); row++) {
            List<String> fields = records.get(row);
            if (fields.size() != records.get(0).size()) {
                bad.add(new RequestService.RowRefusal(
                        row,
                        RowProblem.MALFORMED_ROW.code(),
                        "expected " + records.get(0).size() + " fields, found " + fields.size()));
                continue;
            }
            try {
                wanted.add(Wanted.parse(
                        row, field(fields, at, "deviceId"), field(fields, at, "mpxn"), field(fields, at, "note")));
            } catch (Wanted.Malformed e) {
                bad.add(new RequestService.RowRefusal(
                        row, RowProblem.MALFORMED_ROW.code(), e.field + ": " + e.getMessage()));
            }
        }
        if (wanted.isEmpty() && bad.isEmpty()) {
            throw malformed("the file has a header but no rows");
        }
        return new BulkFile(wanted, bad);
    }

    /** Every cell keeps the text rule, or the whole file is refused naming the first bad cell (row 0: header). */
    private static void requireText(List<List<String>> records) {
        for (int row = 0; row < records.size(); row++) {
            List<String> fields = records.get(row);
            for (int column = 0; column < fields.size(); column++) {
                String fault = TextRule.fault(fields.get(column));
                if (fault != null) {
                    throw TextRule.refusal("rows[" + row + "][" + column + "]", fault);
                }
            }
        }
    }

    private static Map<String, Integer> header(List<String> names) {
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String column = COLUMNS.get(names.get(i).trim().toLowerCase(Locale.ROOT));
            if (column == null) {
                throw malformed("column " + (i + 1) + " of the header is not deviceId, mpxn or note");
            }
            if (at.put(column, i) != null) {
                throw malformed("the header names " + column + " twice");
            }
        }
        if (!at.containsKey("deviceId") && !at.containsKey("mpxn")) {
            throw malformed("the header names neither deviceId nor mpxn");
        }
        return at;
    }

    private static String field(List<String> fields, Map<String, Integer> at, String column) {
        Integer i = at.get(column);
        return i == null ? null : fields.get(i);
    }

    static ApiException malformed(String why) {
        return new ApiException(ProblemType.MALFORMED_UPLOAD, why);
    }
}
