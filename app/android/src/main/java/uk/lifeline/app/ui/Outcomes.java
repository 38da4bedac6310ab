package uk.lifeline.app.ui;

import uk.lifeline.app.R;
import uk.lifeline.app.entry.EntryOutcome;

/** The words on the screen for what the meter showed: the same as the buttons the customer picks from. */
public final class Outcomes {

    private Outcomes() {}

    public static int label(EntryOutcome outcome) {
        switch (outcome) {
            case ACCEPTED:
                return R.string.result_accepted;
            case REJECTED:
                return R.string.result_rejected;
            case DUPLICATE:
                return R.string.result_duplicate;
            case CREDIT_TOO_HIGH:
                return R.string.result_credit_too_high;
            default:
                return R.string.result_locked;
        }
    }
}
