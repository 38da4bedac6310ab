package uk.lifeline.app.credit;

import uk.lifeline.command.ParameterOutOfRangeException;
import uk.lifeline.command.Pence;

/**
 * What the customer typed from their meter's display, as pounds the backend takes ("12.34", "-1.50"). A pound
 * sign, spaces and a trailing "CR" are allowed; anything else is refused with a {@link Problem}. Stateless.
 */
public final class BalanceEntry {

    /** No display shows more than this (the backend's bound, £100,000). */
    static final long MOST_PENCE = 10_000_000L;

    /** Why a typed balance was refused; stable codes, never {@code ordinal()}. */
    public enum Problem {
        EMPTY("empty"),
        NOT_AN_AMOUNT("not-an-amount"),
        TOO_LARGE("too-large");

        private final String code;

        Problem(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** A typed balance that cannot be sent, and why. */
    public static final class Refused extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final Problem problem;

        Refused(Problem problem) {
            super("balance refused: " + problem.code());
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    private BalanceEntry() {}

    /** @throws Refused when the text is not an amount a meter display could show */
    public static String pounds(String typed) {
        String text =
                typed == null ? "" : typed.replace("£", "").replace(" ", "").replaceAll("(?i)cr$", "");
        if (text.isEmpty()) {
            throw new Refused(Problem.EMPTY);
        }
        if (!text.matches("-?[0-9]{1,7}(\\.[0-9]{1,2})?")) {
            throw new Refused(Problem.NOT_AN_AMOUNT);
        }
        long pence;
        try {
            pence = Pence.fromPounds("balance", text);
        } catch (ParameterOutOfRangeException e) {
            throw new Refused(Problem.NOT_AN_AMOUNT);
        }
        if (Math.abs(pence) > MOST_PENCE) {
            throw new Refused(Problem.TOO_LARGE);
        }
        return Pence.toPounds(pence);
    }
}
