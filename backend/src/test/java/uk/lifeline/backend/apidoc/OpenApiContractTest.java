package uk.lifeline.backend.apidoc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;

/**
 * The OpenAPI document is the API as it behaves: every operation described, secured and answering problem+json
 * as the catalogue says, the roles it names are the roles the security chain lets in, the committed copy
 * (docs/openapi.json) is the generated one, and a standard parser reads it without a message.
 */
class OpenApiContractTest extends BackendTest {

    static final Path COMMITTED = Path.of("../docs/openapi.json");
    static final Path GENERATED = Path.of("target/openapi.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> ROLES = List.of("CUSTOMER", "AGENT", "SUPERVISOR", "OPS", "ADMIN");

    private JsonNode document;

    @BeforeEach
    void fetch() throws Exception {
        // The document is larger than the API's own body limit, which the test client shares.
        byte[] body = http.mutate()
                .responseTimeout(Duration.ofMinutes(2))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build()
                .get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        document = sorted(JSON.readTree(body));
        Files.writeString(GENERATED, JSON.writeValueAsString(document) + "\n", StandardCharsets.UTF_8);
    }

    @Test
    void theCommittedContractIsTheGeneratedOne() throws Exception {
        assertThat(Files.exists(COMMITTED)).as("docs/openapi.json is committed").isTrue();
        JsonNode committed = sorted(JSON.readTree(Files.readString(COMMITTED)));
        assertThat(committed)
                .as("docs/openapi.json differs from the generated document: review backend/target/openapi.json"
                        + " and copy it over docs/openapi.json")
                .isEqualTo(document);
    }

    @Test
    void everyOperationHasAnEntryAndEveryEntryAnOperation() {
        OperationCatalogue catalogue = OperationCatalogue.load();
        TreeSet<String> inDocument = new TreeSet<>();
        operations().forEach((key, op) -> inDocument.add(key));
        assertThat(inDocument)
                .as("operations in /v3/api-docs against backend/src/main/resources/apidoc/operations.yml: give every"
                        + " new endpoint an entry there (docs/api-contract.md)")
                .isEqualTo(new TreeSet<>(catalogue.all().keySet()));
    }

    @Test
    void everyOperationIsDescribedSecuredAndAnswersProblems() {
        List<String> wrong = new ArrayList<>();
        operations().forEach((key, op) -> {
            OperationCatalogue.Entry entry = OperationCatalogue.load()
                    .entry(key.split(" ")[0], key.split(" ", 2)[1])
                    .orElseThrow();
            if (op.path("summary").asText().isBlank()
                    || op.path("description").asText().isBlank()) {
                wrong.add(key + ": no summary or description");
            }
            if (op.path("tags").size() != 1 || op.path("tags").get(0).asText().endsWith("-controller")) {
                wrong.add(key + ": tags " + op.path("tags"));
            }
            if (entry.secured() != op.path("security").toString().contains(ApiDocConfig.BEARER)) {
                wrong.add(key + ": security " + op.path("security"));
            }
            boolean problems = false;
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            op.path("responses").properties().iterator();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> response = it.next();
                int status = Integer.parseInt(response.getKey());
                JsonNode content = response.getValue().path("content");
                if (content.has("*/*")) {
                    wrong.add(key + " " + status + ": media type */*");
                }
                if (status >= 400) {
                    problems = true;
                    if (!content.has("application/problem+json")) {
                        wrong.add(key + " " + status + ": not problem+json");
                    }
                }
            }
            if (!problems) {
                wrong.add(key + ": no error documented");
            }
        });
        assertThat(wrong).isEmpty();
    }

    /** Every role the entry leaves out is refused (403); every role it names gets past the security chain. */
    @Test
    void theRolesInTheContractAreTheRolesTheSecurityChainLetsIn() {
        Tenant t = tenant("oas");
        Map<String, String> tokens = Map.of(
                "CUSTOMER",
                t.token("customer1"),
                "AGENT",
                t.token("agent"),
                "SUPERVISOR",
                t.token("supervisor"),
                "OPS",
                t.token("ops"),
                "ADMIN",
                t.token("admin"));
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, OperationCatalogue.Entry> e :
                OperationCatalogue.load().all().entrySet()) {
            String method = e.getKey().split(" ")[0];
            String path = e.getKey()
                    .split(" ", 2)[1]
                    .replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            if (!e.getValue().secured() || path.endsWith("/stream") || path.endsWith("/progress")) {
                continue; // public; streams are checked for their role by their own tests
            }
            for (String role : ROLES) {
                int status = http.mutate()
                        .responseTimeout(Duration.ofSeconds(30))
                        .build()
                        .method(HttpMethod.valueOf(method))
                        .uri(path)
                        .headers(h -> h.setBearerAuth(tokens.get(role)))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{}")
                        .exchange()
                        .returnResult(String.class)
                        .getStatus()
                        .value();
                boolean allowed = e.getValue().roles().contains(role);
                checked++;
                if (allowed == (status == 403)) {
                    wrong.add(e.getKey() + " as " + role + ": " + status);
                }
            }
        }
        System.out.println("OpenAPI roles: " + checked + " operation-role pairs checked against the security chain");
        assertThat(wrong).isEmpty();
    }

    @Test
    void aStandardParserReadsTheContractWithoutAMessage() throws Exception {
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(JSON.writeValueAsString(document), null, null);
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getPaths()).isNotEmpty();
    }

    private Map<String, JsonNode> operations() {
        Map<String, JsonNode> out = new TreeMap<>();
        document.path("paths").properties().forEach(p -> p.getValue()
                .properties()
                .forEach(m -> out.put(m.getKey().toUpperCase(java.util.Locale.ROOT) + " " + p.getKey(), m.getValue())));
        return out;
    }

    /** Object keys in order, so that the committed copy reads the same whatever order springdoc wrote. */
    static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            new TreeMap<String, JsonNode>() {
                {
                    node.properties().forEach(f -> put(f.getKey(), f.getValue()));
                }
            }.forEach((k, v) -> out.set(k, sorted(v)));
            return out;
        }
        if (node.isArray()) {
            var out = JSON.createArrayNode();
            node.forEach(v -> out.add(sorted(v)));
            return out;
        }
        return node;
    }
}
