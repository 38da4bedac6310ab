package uk.lifeline.backend.ledger;

import java.util.ArrayList;
import java.util.List;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;
import uk.lifeline.meter.Rejection;
import uk.lifeline.prepay.Refusal;

/**
 * The reasons a rejection may be reported with: the meter's rejection codes, the meter's "credit high"
 * ({@code over-maximum-balance}), and {@code unknown} for a keypad that said only "rejected" or "invalid"
 * (docs/app-protocol.md, "Results"). Stateless.
 */
final class ResultReason {

    static final String UNKNOWN = "unknown";

    private static final List<String> ALLOWED = allowed();

    private ResultReason() {}

    /** The reason as stored, or a validation problem listing the allowed ones. */
    static String parse(String shown) {
        String reason = shown == null ? "" : shown.trim();
        if (ALLOWED.contains(reason)) {
            return reason;
        }
        throw ApiException.field(
                ProblemType.VALIDATION,
                "reason",
                "the reason the PPMID showed is needed for a" + " rejection",
                String.join(", ", ALLOWED));
    }

    private static List<String> allowed() {
        List<String> codes = new ArrayList<>();
        for (Rejection r : Rejection.values()) {
            codes.add(r.code());
        }
        codes.add(Refusal.OVER_MAXIMUM_BALANCE.code());
        codes.add(UNKNOWN);
        return List.copyOf(codes);
    }
}
