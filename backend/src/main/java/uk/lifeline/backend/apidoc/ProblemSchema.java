package uk.lifeline.backend.apidoc;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.List;
import uk.lifeline.backend.problem.ProblemType;

/** The RFC 9457 problem body every error carries, as the problem package writes it. */
final class ProblemSchema {

    static final String NAME = "Problem";
    static final String REF = "#/components/schemas/" + NAME;

    private ProblemSchema() {}

    static Schema<?> schema() {
        Schema<?> field = new ObjectSchema()
                .addProperty("field", new StringSchema().description("the field, parameter or header at fault"))
                .addProperty("message", new StringSchema().description("what is wrong with it"))
                .addProperty("allowed", new StringSchema().description("what it may be, where that can be said"));
        field.setRequired(List.of("field", "message"));
        Schema<?> problem = new ObjectSchema()
                .description("An RFC 9457 problem. Switch on `type`: it never changes for a kind of error. The"
                        + " types are `" + ProblemType.PREFIX + "<code>`, listed in docs/backend-api.md.")
                .addProperty(
                        "type",
                        new StringSchema()
                                .format("uri")
                                .example(ProblemType.NOT_FOUND.uri().toString()))
                .addProperty("title", new StringSchema().example(ProblemType.NOT_FOUND.title()))
                .addProperty("status", new IntegerSchema().example(404))
                .addProperty("detail", new StringSchema().description("what went wrong with this request"))
                .addProperty(
                        "instance", new StringSchema().format("uri-reference").description("the request path"))
                .addProperty("code", new StringSchema().description("the type's last part, e.g. `not-found`"))
                .addProperty(
                        "errors", new ArraySchema().items(field).description("for field errors: each field at fault"));
        problem.setRequired(List.of("type", "title", "status"));
        return problem;
    }
}
