package uk.lifeline.backend.apidoc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What the API's operations do, in words an integrator reads: one entry per operation ({@code "POST
 * /api/v1/meters/{meterId}/codes"}) in {@code apidoc/operations.yml}, keyed by method and path so it survives
 * handlers moving between packages. The contract test fails on an operation without an entry, and on an entry
 * without an operation. Immutable once loaded; thread-safe.
 */
public final class OperationCatalogue {

    static final String RESOURCE = "/apidoc/operations.yml";

    /** How an operation answers when it succeeds: status, media type and what the body holds. */
    public record Success(int status, String media, String description, String schemaClass) {}

    /** One operation as documented. {@code roles} empty means anyone may call it (no token). */
    public record Entry(
            String id,
            String tag,
            String summary,
            String description,
            List<String> roles,
            List<Success> success,
            List<String> problems,
            String idempotencyKey,
            String requestText,
            Object requestExample,
            Object responseExample) {

        public boolean secured() {
            return !roles.isEmpty();
        }
    }

    /** A feature's tag: its name in the document and what the feature is. */
    public record Tag(String name, String description) {}

    private final Map<String, Entry> operations;
    private final List<Tag> tags;
    private final Map<String, List<String>> implicit;

    private OperationCatalogue(Map<String, Entry> operations, List<Tag> tags, Map<String, List<String>> implicit) {
        this.operations = operations;
        this.tags = tags;
        this.implicit = implicit;
    }

    public static OperationCatalogue load() {
        try (InputStream in = OperationCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a catalogue; an operation (or any key) written twice is refused, not silently replaced by the second. */
    static OperationCatalogue read(InputStream in) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Map<String, Object> root = new Yaml(new SafeConstructor(options)).load(in);
        Map<String, List<String>> implicit = new LinkedHashMap<>();
        map(root.get("implicit")).forEach((kind, slugs) -> implicit.put(kind, strings(slugs)));
        return new OperationCatalogue(
                entries(map(root.get("operations"))), tags(map(root.get("tags"))), Map.copyOf(implicit));
    }

    public Optional<Entry> entry(String method, String path) {
        return Optional.ofNullable(operations.get(key(method, path)));
    }

    public Map<String, Entry> all() {
        return operations;
    }

    public List<Tag> tags() {
        return tags;
    }

    /**
     * Problem types that every operation of a kind can answer: {@code all}, {@code secured} (needs a token),
     * {@code withBody} (takes a request body).
     */
    public List<String> implicit(String kind) {
        return implicit.getOrDefault(kind, List.of());
    }

    public static String key(String method, String path) {
        return method.toUpperCase(java.util.Locale.ROOT) + " " + path;
    }

    private static Map<String, Entry> entries(Map<String, Object> raw) {
        Map<String, Entry> out = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            Map<String, Object> e = map(value);
            out.put(
                    key,
                    new Entry(
                            text(e, "id", key),
                            text(e, "tag", key),
                            text(e, "summary", key),
                            text(e, "description", key),
                            strings(e.get("roles")),
                            success(map(e.get("success")), key),
                            strings(e.get("problems")),
                            (String) e.get("idempotencyKey"),
                            (String) e.get("requestText"),
                            e.get("requestExample"),
                            e.get("responseExample")));
        });
        return Map.copyOf(out);
    }

    private static List<Success> success(Map<String, Object> raw, String key) {
        if (raw.isEmpty()) {
            throw new IllegalStateException(RESOURCE + ": " + key + " has no success answer");
        }
        return raw.entrySet().stream()
                .map(s -> {
                    Map<String, Object> v = map(s.getValue());
                    return new Success(
                            Integer.parseInt(String.valueOf((Object) s.getKey())),
                            (String) v.getOrDefault("media", "application/json"),
                            text(v, "description", key),
                            (String) v.get("schema"));
                })
                .toList();
    }

    private static List<Tag> tags(Map<String, Object> raw) {
        return raw.entrySet().stream()
                .map(t -> new Tag(t.getKey(), (String) t.getValue()))
                .toList();
    }

    private static String text(Map<String, Object> m, String name, String key) {
        Object v = m.get(name);
        if (!(v instanceof String s) || s.isBlank()) {
            throw new IllegalStateException(RESOURCE + ": " + key + " has no " + name);
        }
        return s.strip();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        if (o == null) {
            return Map.of();
        }
        return new LinkedHashMap<>((Map<String, Object>) o);
    }

    private static List<String> strings(Object o) {
        if (o == null) {
            return List.of();
        }
        return ((List<?>) o).stream().map(String::valueOf).toList();
    }
}
