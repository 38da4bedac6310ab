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

    /**
     * This push as FCM will take it: unchanged when it fits; otherwise with the visible notification's body cut at
     * a character and ended with an ellipsis until it does (a notice's 500 characters of words, three bytes each,
     * shown in the notification and signed in the envelope, with a code joined to it). The app shows the whole
     * signed words. A push that does not fit even with no body is returned unchanged: FCM refuses it and the app
     * pulls it (the notice form's limits in characters keep a notice's own envelope well inside FCM's).
     */
    public Push fitted() {
        if (fitsFcm() || body == null) {
            return this;
        }
        StringBuilder cut = new StringBuilder(body);
        while (cut.length() > 0) {
            int end = cut.offsetByCodePoints(cut.length(), -1);
            cut.setLength(end);
            Push shorter = new Push(deliveryId, token, data, title, cut + "\u2026", highPriority, channel, ttl);
            if (shorter.fitsFcm()) {
                return shorter;
            }
        }
        return this;
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
