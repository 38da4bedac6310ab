package uk.lifeline.backend.installcode;

import java.util.Locale;
import uk.lifeline.backend.commissioning.Mpxn;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;
import uk.lifeline.code.Eui64;

/**
 * One device a supplier asks an install code for, as given (a row of an upload, or a single request), checked for
 * form: an EUI-64, an MPAN core or MPRN with valid check digits, or both; a note of at most 500 characters.
 * Immutable.
 *
 * @param row the data row it came from (1 for a single request)
 * @param eui the EUI-64, upper case, or null
 * @param mpxn the MPAN core or MPRN, or null
 */
record Wanted(int row, String eui, String mpxn, String note) {

    static final int MAX_NOTE = 500;

    /** A field that is not what it should be; the problem type is what a single request answers. */
    static final class Malformed extends RuntimeException {
        final ProblemType type;
        final String field;

        Malformed(ProblemType type, String field, String message) {
            super(message, null, false, false);
            this.type = type;
            this.field = field;
        }

        ApiException single() {
            return ApiException.field(type, field, getMessage(), null);
        }
    }

    /** @throws Malformed saying which field is wrong and why, echoing at most a short prefix of it */
    static Wanted parse(int row, String deviceId, String mpxn, String note) {
        String eui = blankToNull(deviceId);
        String number = blankToNull(mpxn);
        String text = blankToNull(note);
        if (eui == null && number == null) {
            throw new Malformed(ProblemType.VALIDATION, "deviceId", "give a deviceId (EUI-64), an mpxn, or both");
        }
        if (eui != null) {
            try {
                eui = Eui64.parse(eui).toString();
            } catch (IllegalArgumentException e) {
                throw new Malformed(
                        ProblemType.VALIDATION, "deviceId", "'" + prefix(eui) + "' is not an EUI-64 (16 hex digits)");
            }
        }
        if (number != null) {
            try {
                number = Mpxn.parse("mpxn", number);
            } catch (ApiException e) {
                throw new Malformed(e.type(), "mpxn", e.fields().get(0).message());
            }
        }
        if (text != null && text.length() > MAX_NOTE) {
            throw new Malformed(ProblemType.VALIDATION, "note", "at most " + MAX_NOTE + " characters");
        }
        return new Wanted(row, eui, number, text);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static String prefix(String text) {
        String shown = text.length() > 20 ? text.substring(0, 20) + "..." : text;
        return shown.toUpperCase(Locale.ROOT).replaceAll("[^0-9A-Z .-]", "?");
    }
}
