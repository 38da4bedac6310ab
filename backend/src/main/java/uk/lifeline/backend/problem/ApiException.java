package uk.lifeline.backend.problem;

import java.util.List;

/**
 * An error the API reports as a problem of a known {@link ProblemType}. Thrown or signalled anywhere; the
 * {@link ProblemHandler} turns it into HTTP. Immutable.
 */
public class ApiException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldProblem> fields;

    public ApiException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ApiException(ProblemType type, String detail, List<FieldProblem> fields) {
        super(detail, null, false, false);
        this.type = type;
        this.fields = List.copyOf(fields);
    }

    /** The same answer whether the thing does not exist or belongs to someone else: existence is not revealed. */
    public static ApiException notFound(String what, Object id) {
        return new ApiException(ProblemType.NOT_FOUND, "no " + what + " " + id);
    }

    public static ApiException field(ProblemType type, String field, String message, String allowed) {
        return new ApiException(type, field + ": " + message, List.of(new FieldProblem(field, message, allowed)));
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldProblem> fields() {
        return fields;
    }
}
