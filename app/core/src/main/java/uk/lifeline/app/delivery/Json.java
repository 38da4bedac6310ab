package uk.lifeline.app.delivery;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON objects as maps, through the JSON support nimbus-jose-jwt already carries (no second JSON library in the
 * APK). Stateless.
 */
public final class Json {

    private Json() {}

    /** @throws IllegalArgumentException for text that is not a JSON object */
    public static Map<String, Object> parse(String json) {
        if (json == null || !json.trim().startsWith("{")) {
            throw new IllegalArgumentException("not a JSON object");
        }
        try {
            return JSONObjectUtils.parse(json);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
        }
    }

    public static String write(Map<String, ?> object) {
        return JSONObjectUtils.toJSONString(object);
    }

    /** A text member, or null when absent. @throws IllegalArgumentException when it is not text */
    public static String optionalText(Map<String, Object> object, String name) {
        Object value = object.get(name);
        if (value != null && !(value instanceof String)) {
            throw new IllegalArgumentException(name + " is not text");
        }
        return (String) value;
    }

    /** @throws IllegalArgumentException when the member is absent or not text */
    public static String text(Map<String, Object> object, String name) {
        String value = optionalText(object, name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return value;
    }

    /** @throws IllegalArgumentException when the member is absent or not a number */
    public static long number(Map<String, Object> object, String name) {
        Object value = object.get(name);
        if (!(value instanceof Number)) {
            throw new IllegalArgumentException(name + " is not a number");
        }
        return ((Number) value).longValue();
    }

    /** @throws IllegalArgumentException when the member is absent or not an object */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Map<String, Object> object, String name) {
        Object value = object.get(name);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(name + " is not an object");
        }
        return (Map<String, Object>) value;
    }

    /** The objects in an array member; an absent member is an empty list. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> objects(Map<String, Object> object, String name) {
        Object value = object.get(name);
        List<Map<String, Object>> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof List)) {
            throw new IllegalArgumentException(name + " is not an array");
        }
        for (Object item : (List<Object>) value) {
            if (!(item instanceof Map)) {
                throw new IllegalArgumentException(name + " holds something other than objects");
            }
            out.add((Map<String, Object>) item);
        }
        return out;
    }
}
