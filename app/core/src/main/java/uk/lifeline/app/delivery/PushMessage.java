package uk.lifeline.app.delivery;

import java.util.Map;

/**
 * What the backend sends in an FCM data message (docs/app-protocol.md): all values are strings. The push
 * receiver only parses it and hands it to the {@link Inbox}. Immutable.
 *
 * @param kind {@code code}, {@code notice}, {@code status} or {@code sync}
 * @param id the code's or notice's id ({@code sync}: null)
 * @param envelope the compact JWS ({@code code}, {@code notice}), or null
 * @param status the backend's status ({@code status}, optionally {@code code}), or null
 * @param code the code a campaign's {@code notice} message carries for the same meter ({@code codeId},
 *     {@code codeEnvelope}, {@code codeStatus}), as a {@code code} message; null for any other message
 */
public record PushMessage(String kind, String id, String envelope, String status, PushMessage code) {

    public static final String CODE = "code";
    public static final String NOTICE = "notice";
    public static final String STATUS = "status";
    public static final String SYNC = "sync";

    /** A message that carries no other. */
    public PushMessage(String kind, String id, String envelope, String status) {
        this(kind, id, envelope, status, null);
    }

    /**
     * @throws IllegalArgumentException for a message without a known {@code type}, or without the members its
     *     type needs
     */
    public static PushMessage parse(Map<String, String> data) {
        String kind = data.get("type");
        String id = data.get("id");
        String envelope = data.get("envelope");
        String status = data.get("status");
        if (kind == null) {
            throw new IllegalArgumentException("a Lifeline push message has a type");
        }
        switch (kind) {
            case CODE:
            case NOTICE:
                if (envelope == null) {
                    throw new IllegalArgumentException(kind + " message without an envelope");
                }
                break;
            case STATUS:
                if (id == null || status == null) {
                    throw new IllegalArgumentException("status message without an id and status");
                }
                break;
            case SYNC:
                break;
            default:
                throw new IllegalArgumentException("unknown push message type '" + kind + "'");
        }
        String codeEnvelope = data.get("codeEnvelope");
        if (!NOTICE.equals(kind) || codeEnvelope == null) {
            return new PushMessage(kind, id, envelope, status);
        }
        return new PushMessage(
                kind,
                id,
                envelope,
                status,
                new PushMessage(CODE, data.get("codeId"), codeEnvelope, data.get("codeStatus")));
    }

    /** A stream event carries the same JSON members as a push message, with its type as the event name. */
    public static PushMessage of(ServerSentEvent event) {
        Map<String, Object> json = event.data().isEmpty() ? new java.util.HashMap<>() : Json.parse(event.data());
        Map<String, String> data = new java.util.HashMap<>();
        data.put("type", event.type());
        for (String name : new String[] {"id", "envelope", "status"}) {
            String value = Json.optionalText(json, name);
            if (value != null) {
                data.put(name, value);
            }
        }
        return parse(data);
    }
}
