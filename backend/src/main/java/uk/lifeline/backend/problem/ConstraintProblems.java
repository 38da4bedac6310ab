package uk.lifeline.backend.problem;

import java.util.Map;

/**
 * Database constraints that enforce a rule of the API, and the problem each stands for: the one place that maps
 * them. A meter whose codes are blocked (V5: its counter is frozen) refuses the counter every code takes, on a
 * constraint named for the reason; two requests for one device raised at once meet on a unique index. Stateless.
 */
public final class ConstraintProblems {

    private static final Map<String, ApiException> KNOWN = Map.of(
            "code_counter_supply_ended",
                    new ApiException(
                            ProblemType.SUPPLY_ENDED,
                            "this meter's premises has moved"
                                    + " to another supplier; its codes were cancelled and no new ones can be made"),
            "code_counter_awaiting_credentials",
                    new ApiException(
                            ProblemType.CREDENTIALS_NOT_INSTALLED,
                            "this meter"
                                    + " still trusts the losing supplier's prepayment key, so it would refuse every code you make;"
                                    + " codes can be made once your credentials are installed (at commissioning, or by the DCC)"),
            "install_code_request_one_open",
                    new ApiException(
                            ProblemType.ALREADY_REQUESTED,
                            "an install-code"
                                    + " request for this device is already open (raised at the same moment)"));

    private ConstraintProblems() {}

    /** The problem for the constraint the error names, or null when it is not one of these. */
    public static ApiException of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null) {
                for (Map.Entry<String, ApiException> known : KNOWN.entrySet()) {
                    if (message.contains("\"" + known.getKey() + "\"")) {
                        return known.getValue();
                    }
                }
            }
        }
        return null;
    }
}
