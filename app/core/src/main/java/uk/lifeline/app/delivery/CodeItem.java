package uk.lifeline.app.delivery;

import java.util.Map;

/**
 * One code as the backend lists it ({@code GET /api/v1/me/codes}, a stream or push message): its id, the
 * backend's status (unsigned: only ever used to retire a code) and its envelope (absent while withheld).
 * Immutable.
 */
public record CodeItem(String id, String status, String envelope) {

    /** @throws IllegalArgumentException when {@code id} is missing or a member has the wrong type */
    public static CodeItem of(Map<String, Object> json) {
        return new CodeItem(
                Json.text(json, "id"), Json.optionalText(json, "status"), Json.optionalText(json, "envelope"));
    }
}
