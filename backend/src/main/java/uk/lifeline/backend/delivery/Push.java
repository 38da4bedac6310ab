package uk.lifeline.backend.delivery;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message to one phone, as the dispatcher hands it to a {@link PushGateway}: the FCM data (all strings:
 * {@code type}, {@code id}, {@code envelope}, {@code status}, as docs/backend-api.md lists them), the visible
 * notification, its priority and time to live. Immutable.
 *
 * @param deliveryId the push_delivery row this is
 * @param channel the Android notification channel the app made for it ({@code codes} or {@code notices})
 */
public record Push(
        long deliveryId,
        String token,
        Map<String, String> data,
        String title,
        String body,
        boolean highPriority,
        String channel,
        Duration ttl) {

    /**
     * This push (a campaign's notice) carrying {@code code} (a code of the same campaign for the same phone) as
     * {@code codeId}, {@code codeEnvelope} and {@code codeStatus}, living as long as the shorter of the two.
     */
    public Push carrying(Push code) {
        Map<String, String> both = new LinkedHashMap<>(data);
        both.put("codeId", code.data().get("id"));
        both.put("codeEnvelope", code.data().get("envelope"));
        if (code.data().get("status") != null) {
            both.put("codeStatus", code.data().get("status"));
        }
        return new Push(
                deliveryId,
                token,
                both,
                title,
                body,
                highPriority || code.highPriority(),
                channel,
                ttl.compareTo(code.ttl()) <= 0 ? ttl : code.ttl());
    }

    @Override
    public String toString() {
        // Tokens and envelopes stay out of logs.
        return "Push[delivery " + deliveryId + ", " + data.get("type") + " " + data.get("id") + "]";
    }
}
