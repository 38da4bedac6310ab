package uk.lifeline.backend.apidoc;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import uk.lifeline.backend.problem.IdempotencyKeys;
import uk.lifeline.backend.problem.ProblemType;

/**
 * Writes each operation of the generated document as the API behaves: its feature tag, summary and description,
 * who may call it, its real success statuses and media types, every problem type it can answer (as {@code
 * application/problem+json}, grouped by status, each type listed), the {@code Idempotency-Key} header's rules and
 * {@code Retry-After} where the server asks for a wait. Stateless apart from the catalogue; thread-safe.
 */
final class OperationDocs implements OpenApiCustomizer {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Map<String, ProblemType> BY_SLUG = Arrays.stream(ProblemType.values())
            .collect(Collectors.toUnmodifiableMap(ProblemType::slug, Function.identity()));

    private final OperationCatalogue catalogue;

    OperationDocs(OperationCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public void customise(OpenAPI api) {
        // Added here, not in the OpenAPI bean: springdoc builds the components afresh from the handlers.
        api.getComponents().addSchemas(ProblemSchema.NAME, ProblemSchema.schema());
        api.setTags(catalogue.tags().stream()
                .map(t -> new Tag().name(t.name()).description(t.description()))
                .toList());
        api.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, op) ->
                        catalogue.entry(method.name(), path).ifPresent(entry -> document(api, op, entry))));
        UnusedSchemas.remove(api);
    }

    private void document(OpenAPI api, Operation op, OperationCatalogue.Entry entry) {
        op.setOperationId(entry.id());
        op.setTags(List.of(entry.tag()));
        op.setSummary(entry.summary());
        op.setDescription(entry.description() + "\n\n" + who(entry));
        op.setSecurity(entry.secured() ? List.of(new SecurityRequirement().addList(ApiDocConfig.BEARER)) : List.of());
        Schema<?> generated = successSchema(op.getResponses());
        ApiResponses responses = new ApiResponses();
        for (OperationCatalogue.Success success : entry.success()) {
            Schema<?> body = success.schemaClass() == null ? generated : declared(api, success.schemaClass());
            responses.addApiResponse(String.valueOf(success.status()), success(success, body, entry));
        }
        problemsByStatus(entry, op.getRequestBody() != null)
                .forEach((status, types) -> responses.addApiResponse(String.valueOf(status), problems(types)));
        op.setResponses(responses);
        if (op.getParameters() != null) {
            op.getParameters().stream()
                    .filter(p -> "header".equals(p.getIn()) && IdempotencyKeys.HEADER.equalsIgnoreCase(p.getName()))
                    .forEach(p -> idempotencyKey(p, entry));
        }
        if (entry.requestText() != null && op.getRequestBody() != null) {
            Content text = new Content();
            op.getRequestBody()
                    .getContent()
                    .keySet()
                    .forEach(media -> text.addMediaType(
                            media, new MediaType().schema(new StringSchema().description(entry.requestText()))));
            op.getRequestBody().setContent(text);
        }
        if (entry.requestExample() != null
                && op.getRequestBody() != null
                && op.getRequestBody().getContent() != null) {
            op.getRequestBody().getContent().values().forEach(media -> media.setExample(entry.requestExample()));
        }
    }

    /**
     * The schema of a body the handler declares only as {@code Object} (it answers a problem on another path),
     * read from the class the catalogue names, with the schemas it uses added to the components.
     */
    private static Schema<?> declared(OpenAPI api, String className) {
        try {
            ResolvedSchema resolved = ModelConverters.getInstance()
                    .resolveAsResolvedSchema(new AnnotatedType(Class.forName(className)).resolveAsRef(true));
            resolved.referencedSchemas.forEach(api.getComponents()::addSchemas);
            return resolved.schema;
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(OperationCatalogue.RESOURCE + " names a missing class: " + className, e);
        }
    }

    private static String who(OperationCatalogue.Entry entry) {
        return entry.secured()
                ? "**Who may call it**: " + String.join(", ", entry.roles()) + " (bearer token)."
                : "**Who may call it**: anyone; no token.";
    }

    private static Schema<?> successSchema(ApiResponses generated) {
        if (generated == null) {
            return null;
        }
        return generated.values().stream()
                .filter(r -> r.getContent() != null && !r.getContent().isEmpty())
                .map(r -> r.getContent().values().iterator().next().getSchema())
                .findFirst()
                .orElse(null);
    }

    private static ApiResponse success(
            OperationCatalogue.Success success, Schema<?> body, OperationCatalogue.Entry entry) {
        ApiResponse response = new ApiResponse().description(success.description());
        if (success.status() == 204) {
            return response;
        }
        Content content = new Content();
        for (String type : success.media().split(",\\s*")) {
            MediaType media = new MediaType();
            if (type.startsWith("application/json") && body != null) {
                media.setSchema(body);
            } else {
                media.setSchema(new StringSchema().description(success.description()));
            }
            if (entry.responseExample() != null
                    && success.equals(entry.success().get(0))) {
                media.setExample(entry.responseExample());
            }
            content.addMediaType(type, media);
        }
        return response.content(content);
    }

    /** The operation's own problem types plus those every operation of its kind can answer. */
    private Map<Integer, List<ProblemType>> problemsByStatus(OperationCatalogue.Entry entry, boolean hasBody) {
        Set<String> slugs = new LinkedHashSet<>(entry.problems());
        slugs.addAll(catalogue.implicit("all"));
        if (entry.secured()) {
            slugs.addAll(catalogue.implicit("secured"));
        }
        if (hasBody) {
            slugs.addAll(catalogue.implicit("withBody"));
        }
        Map<Integer, List<ProblemType>> byStatus = new TreeMap<>();
        for (String slug : slugs) {
            ProblemType type = BY_SLUG.get(slug);
            if (type == null) {
                throw new IllegalStateException(
                        OperationCatalogue.RESOURCE + " names an unknown problem type: " + slug);
            }
            byStatus.computeIfAbsent(type.status().value(), s -> new java.util.ArrayList<>())
                    .add(type);
        }
        return byStatus;
    }

    private static ApiResponse problems(List<ProblemType> types) {
        Map<String, Example> examples = new LinkedHashMap<>();
        for (ProblemType type : types) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("type", type.uri().toString());
            value.put("title", type.title());
            value.put("status", type.status().value());
            value.put("code", type.slug());
            examples.put(type.slug(), new Example().summary(type.title()).value(value));
        }
        String list = types.stream().map(t -> "`" + t.uri() + "`: " + t.title()).collect(Collectors.joining("; "));
        ApiResponse response = new ApiResponse()
                .description(list)
                .content(new Content()
                        .addMediaType(
                                PROBLEM_JSON,
                                new MediaType()
                                        .schema(new Schema<>().$ref(ProblemSchema.REF))
                                        .examples(examples)));
        int status = types.get(0).status().value();
        if (status == 429 || status == 503) {
            response.addHeaderObject(
                    "Retry-After",
                    new Header()
                            .description("Seconds to wait before trying again.")
                            .schema(new IntegerSchema().minimum(java.math.BigDecimal.ZERO)));
        }
        return response;
    }

    private static void idempotencyKey(Parameter header, OperationCatalogue.Entry entry) {
        header.setRequired("required".equals(entry.idempotencyKey()));
        header.setDescription("""
                A key you choose for this request (a UUID is best; 1 to %d visible ASCII characters, no spaces). Send the same \
                key again when you retry after a timeout or a 503, and you get the first answer: nothing is done twice \
                (never a second code, never a second result). The same key with a different body is refused (422 \
                idempotency-key-reused). Keys do not expire, so a replay at any later time answers the first result.""".formatted(IdempotencyKeys.MAX_LENGTH));
        header.setSchema(new StringSchema()
                .minLength(1)
                .maxLength(IdempotencyKeys.MAX_LENGTH)
                .example("6f1c2a34-5b7e-4d1a-9c0e-2f8b3d4a5e6f"));
    }
}
