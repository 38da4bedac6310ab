package uk.lifeline.backend.campaign;

import java.util.Arrays;
import uk.lifeline.backend.csv.CsvText;

/** The call-centre export's columns, written as {@link CsvText} lines. Stateless. */
final class Csv {

    static final String HEADER = line(
            "account_number",
            "name",
            "phone",
            "address",
            "postcode",
            "mpan_or_mprn",
            "meter",
            "code",
            "code_expires_at");

    private Csv() {}

    static String line(String... fields) {
        return CsvText.line(Arrays.asList(fields));
    }
}
