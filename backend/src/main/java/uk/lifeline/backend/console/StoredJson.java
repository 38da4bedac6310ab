package uk.lifeline.backend.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * The JSON columns the consoles' views read back from other features' tables (a code's parameters and approval
 * reasons, a campaign's parameters and area): null stays null, and a column that is not the JSON its writer
 * wrote is a bug, named by what it is. Stateless.
 */
final class StoredJson {

    private static final TypeReference<Map<String, String>> PARAMETERS = new TypeReference<>() {};

    private StoredJson() {}

    /** A command's parameters as stored, name to value, or null; {@code whose} as "a code's". */
    static Map<String, String> parameters(ObjectMapper json, String text, String whose) {
        return read(json, text, PARAMETERS, whose + " parameters");
    }

    static <T> T read(ObjectMapper json, String text, Class<T> type, String what) {
        return read(json, text, json.getTypeFactory().constructType(type), what);
    }

    static <T> T read(ObjectMapper json, String text, TypeReference<T> type, String what) {
        return read(json, text, json.getTypeFactory().constructType(type), what);
    }

    private static <T> T read(ObjectMapper json, String text, JavaType type, String what) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(what + " is not the JSON " + type.toCanonical() + " it was stored as", e);
        }
    }
}
