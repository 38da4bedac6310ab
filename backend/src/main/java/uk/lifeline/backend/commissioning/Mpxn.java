package uk.lifeline.backend.commissioning;

import uk.lifeline.backend.customer.SupplyPointNumbers;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;

/** Reads a supply point number given by a user: an MPAN core (13 digits, or 21 in full) or an MPRN. Stateless. */
public final class Mpxn {

    private Mpxn() {}

    /**
     * The MPAN core or MPRN, spaces removed.
     *
     * @throws ApiException {@code invalid-mpan} or {@code invalid-mprn} for check digits that do not match,
     *     {@code validation} for anything else, naming {@code field}
     */
    public static String parse(String field, String text) {
        String digits = text == null ? "" : text.replace(" ", "");
        if (!digits.matches("[0-9]+")) {
            throw ApiException.field(ProblemType.VALIDATION, field, "not an MPAN or MPRN: digits only", null);
        }
        if (digits.length() == 13 || digits.length() == 21) {
            String core = digits.substring(digits.length() - 13);
            if (!SupplyPointNumbers.isValidMpan(core)) {
                throw ApiException.field(
                        ProblemType.INVALID_MPAN, field, "the MPAN's check digit does not match", null);
            }
            return core;
        }
        if (digits.length() >= 6 && digits.length() <= 10) {
            if (!SupplyPointNumbers.isValidMprn(digits)) {
                throw ApiException.field(ProblemType.INVALID_MPRN, field, "the MPRN's check digits do not match", null);
            }
            return digits;
        }
        throw ApiException.field(
                ProblemType.VALIDATION, field, "an MPAN core has 13 digits (21 in full), an MPRN" + " 6 to 10", null);
    }
}
