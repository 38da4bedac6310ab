package uk.lifeline.backend.delivery;

import java.nio.charset.StandardCharsets;
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

    /**
     * FCM refuses a message whose data and notification come to more than 4,096 bytes with its own framing (about
     * 45 bytes a message and 6 a data member, measured by others against FCM v1); the margin covers that.
     */
    static final int FCM_MAX_BYTES = 4096;

    private static final int FRAMING_BYTES = 200;
    private static final int MEMBER_BYTES = 8;

    /** Whether FCM would take this message: its data and notification text, in UTF-8, with the framing. */
    public boolean fitsFcm() {
        long bytes = FRAMING_BYTES + utf8(title) + utf8(body);
        for (Map.Entry<String, String> member : data.entrySet()) {
            bytes += MEMBER_BYTES + utf8(member.getKey()) + utf8(member.getValue());
        }
        return bytes <= FCM_MAX_BYTES;
    }

    private static int utf8(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public String toString() {
        // Tokens and envelopes stay out of logs.
        return "Push[delivery " + deliveryId + ", " + data.get("type") + " " + data.get("id") + "]";
    }
}
