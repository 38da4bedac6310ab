package uk.lifeline.backend.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.CarriesProblem;

/** A JSON string (value or member name) that breaks the {@link TextRule}, with the field it was in. Immutable. */
public final class InvalidTextException extends JsonMappingException implements CarriesProblem {

    private final String field;
    private final String fault;

    InvalidTextException(JsonParser parser, String field, String fault) {
        super(parser, field + ": " + fault);
        this.field = field;
        this.fault = fault;
    }

    public String field() {
        return field;
    }

    public String fault() {
        return fault;
    }

    @Override
    public ApiException problem() {
        return TextRule.refusal(field, fault);
    }
}
