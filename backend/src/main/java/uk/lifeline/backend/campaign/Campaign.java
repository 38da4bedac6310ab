package uk.lifeline.backend.campaign;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A campaign's fixed facts, as the workers need them: whose, what command, and for a notice its words and window.
 * Immutable.
 *
 * @param kind {@code NOTICE} or {@code PRICE_CHANGE}
 * @param noticeId null for a price change; {@code title}, {@code message}, {@code startsAt} and {@code endsAt}
 *     are the notice's, or the price change's own words (no window)
 */
record Campaign(
        UUID id,
        UUID supplierId,
        String kind,
        String command,
        Map<String, String> parameters,
        String reason,
        UUID createdBy,
        UUID noticeId,
        String title,
        String message,
        Instant startsAt,
        Instant endsAt) {

    boolean isNotice() {
        return noticeId != null;
    }
}
