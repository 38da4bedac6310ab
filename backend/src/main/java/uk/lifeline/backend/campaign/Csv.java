package uk.lifeline.backend.campaign;

import uk.lifeline.backend.issuing.CodeView;

/** RFC 4180 lines for the call-centre export. Stateless. */
final class Csv {

    static final String HEADER = line("account_number", "name", "phone", "address", "postcode", "mpan_or_mprn",
            "meter", "code", "code_expires_at");

    private Csv() {}

    static String line(String... fields) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i] == null ? "" : fields[i];
            // A leading = + - @ would make a spreadsheet run it as a formula.
            if (!f.isEmpty() && "=+-@".indexOf(f.charAt(0)) >= 0) {
                f = "'" + f;
            }
            boolean quote = f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r");
            out.append(i == 0 ? "" : ",").append(quote ? "\"" + f.replace("\"", "\"\"") + "\"" : f);
        }
        return out.append("\r\n").toString();
    }

    /** All blocks, each grouped in fours, blocks separated by ' / '. */
    static String grouped(String digits) {
        return String.join(" / ", CodeView.grouped(digits));
    }
}
