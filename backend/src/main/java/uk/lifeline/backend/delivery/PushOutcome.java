package uk.lifeline.backend.delivery;

import java.time.Duration;

/**
 * What became of one {@link Push}. Immutable.
 *
 * @param fcmName the message name FCM gave ({@code projects/.../messages/...}) when it took the message
 * @param error FCM's error code and message, when it did not
 * @param retryAfter the delay FCM asked for (its Retry-After header), or null
 */
public record PushOutcome(long deliveryId, Result result, String fcmName, String error, Duration retryAfter) {

    /** Stored in push_delivery through the state each leads to; never rename one. */
    public enum Result {
        /** FCM took the message. */
        SENT,
        /** FCM could not take it now (UNAVAILABLE, INTERNAL, QUOTA_EXCEEDED, or no answer): try again later. */
        RETRY,
        /** FCM says the token is no good (UNREGISTERED, INVALID_ARGUMENT): retire the phone's token. */
        RETIRE_TOKEN,
        /** Anything else: give this message up. */
        FAILED
    }

    public static PushOutcome sent(long deliveryId, String fcmName) {
        return new PushOutcome(deliveryId, Result.SENT, fcmName, null, null);
    }
}
