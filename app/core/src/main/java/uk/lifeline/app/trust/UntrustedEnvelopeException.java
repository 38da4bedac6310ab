package uk.lifeline.app.trust;

/**
 * An envelope the app does not trust, with the reason and the start of the envelope (never all of it, so logs
 * carry no code digits).
 */
public final class UntrustedEnvelopeException extends IllegalArgumentException {

    private static final int SHOWN = 24;

    private final EnvelopeProblem problem;
    private final String envelopeStart;

    public UntrustedEnvelopeException(EnvelopeProblem problem, String envelope, String detail) {
        this(problem, envelope, detail, null);
    }

    public UntrustedEnvelopeException(EnvelopeProblem problem, String envelope, String detail, Throwable cause) {
        super(problem.code() + ": " + detail + " (envelope " + start(envelope) + ")", cause);
        this.problem = problem;
        this.envelopeStart = start(envelope);
    }

    public EnvelopeProblem problem() {
        return problem;
    }

    public String envelopeStart() {
        return envelopeStart;
    }

    private static String start(String envelope) {
        if (envelope == null) {
            return "null";
        }
        return envelope.length() <= SHOWN ? envelope : envelope.substring(0, SHOWN) + "...";
    }
}
