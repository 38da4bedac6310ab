package uk.lifeline.backend.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One offending field of a request, as the {@code errors} member of a validation problem lists it: the field's
 * path (e.g. {@code parameters.amount}), what is wrong, and where known the allowed range. Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldProblem(String field, String message, String allowed) {

    public static FieldProblem of(String field, String message) {
        return new FieldProblem(field, message, null);
    }
}
