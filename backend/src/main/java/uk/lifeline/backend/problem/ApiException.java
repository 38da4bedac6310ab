package uk.lifeline.backend.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An error the API reports as a problem of a known {@link ProblemType}. Thrown or signalled anywhere; the
 * {@link ProblemHandler} turns it into HTTP. Immutable.
 */
public class ApiException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldProblem> fields;
    private final Map<String, Object> properties;

    public ApiException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ApiException(ProblemType type, String detail, List<FieldProblem> fields) {
        this(type, detail, fields, Map.of());
    }

    /** @param properties extra members of the problem, e.g. the rows of an upload that were refused */
    public ApiException(ProblemType type, String detail, List<FieldProblem> fields, Map<String, ?> properties) {
        super(detail, null, false, false);
        this.type = type;
        this.fields = List.copyOf(fields);
        this.properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** The same answer whether the thing does not exist or belongs to someone else: existence is not revealed. */
    public static ApiException notFound(String what, Object id) {
        return new ApiException(ProblemType.NOT_FOUND, "no " + what + " " + id);
    }

    /**
     * A path's id as a UUID; anything else is answered like an id that does not exist (404), echoing at most 40
     * characters of it.
     */
    public static UUID uuidOrNotFound(String what, String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw notFound(what, text.length() > 40 ? text.substring(0, 40) + "..." : text);
        }
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

    public Map<String, Object> properties() {
        return properties;
    }
}
