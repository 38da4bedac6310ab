package uk.lifeline.backend.apidoc;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import java.util.HashSet;
import java.util.Set;

/**
 * Drops component schemas that no operation reaches any more (springdoc's guesses for bodies the catalogue
 * describes otherwise, such as a server-sent event wrapper), so the contract lists only what is on the wire.
 */
final class UnusedSchemas {

    private static final String PREFIX = "#/components/schemas/";

    private UnusedSchemas() {}

    static void remove(OpenAPI api) {
        if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
            return;
        }
        // Reachable from the paths, then from the schemas they reach, until nothing new is found.
        Set<String> reached = new HashSet<>();
        collect(Json31.mapper().valueToTree(api.getPaths()), reached);
        int before;
        do {
            before = reached.size();
            for (String name : Set.copyOf(reached)) {
                Object schema = api.getComponents().getSchemas().get(name);
                if (schema != null) {
                    collect(Json31.mapper().valueToTree(schema), reached);
                }
            }
        } while (reached.size() > before);
        api.getComponents().getSchemas().keySet().removeIf(name -> !reached.contains(name));
    }

    private static void collect(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.asText().startsWith(PREFIX)) {
                names.add(ref.asText().substring(PREFIX.length()));
            }
        }
        node.forEach(child -> collect(child, names));
    }
}
