package uk.lifeline.backend.installcode;

import java.util.UUID;

/**
 * Where a wanted device's request goes, or why it cannot be made. Immutable.
 *
 * @param problem null when the request can be made
 * @param responder the installing supplier, or the supplier the premises was gained from
 * @param routedTo {@code INSTALLING_SUPPLIER} or {@code LOSING_SUPPLIER}
 */
record Target(
        Wanted wanted, String eui, UUID deviceId, UUID responder, String routedTo, RowProblem problem, String message) {

    static Target refused(Wanted wanted, String eui, RowProblem problem, String message) {
        return new Target(wanted, eui, null, null, null, problem, message);
    }

    boolean ok() {
        return problem == null;
    }
}
