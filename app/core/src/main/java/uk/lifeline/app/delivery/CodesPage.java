package uk.lifeline.app.delivery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One page of {@code GET /api/v1/me/codes}: codes newest first, and the cursor for older ones (null on the last
 * page). Immutable.
 */
public record CodesPage(List<CodeItem> items, String nextCursor) {

    public CodesPage {
        items = Collections.unmodifiableList(new ArrayList<>(items));
    }

    /** @throws IllegalArgumentException for JSON that is not such a page */
    public static CodesPage parse(String json) {
        Map<String, Object> page = Json.parse(json);
        List<CodeItem> items = new ArrayList<>();
        for (Map<String, Object> item : Json.objects(page, "items")) {
            items.add(CodeItem.of(item));
        }
        return new CodesPage(items, Json.optionalText(page, "nextCursor"));
    }
}
