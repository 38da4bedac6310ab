package uk.lifeline.backend.delivery;

import java.time.Duration;
import java.util.Map;

/**
 * One message to one phone, as the dispatcher hands it to a {@link PushGateway}: the FCM data (all strings:
 * {@code type}, {@code id}, {@code envelope}, {@code status}, as docs/backend-api.md lists them), the visible
 * notification, its priority and time to live. Immutable.
 *
 * @param deliveryId the push_delivery row this is
 * @param channel the Android notification channel the app made for it ({@code codes} or {@code notices})
 */
public record Push(long deliveryId, String token, Map<String, String> data, String title, String body,
        boolean highPriority, String channel, Duration ttl) {

    @Override
    public String toString() {
        // Tokens and envelopes stay out of logs.
        return "Push[delivery " + deliveryId + ", " + data.get("type") + " " + data.get("id") + "]";
    }
}
