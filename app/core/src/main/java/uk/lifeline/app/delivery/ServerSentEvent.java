package uk.lifeline.app.delivery;

/**
 * One event of a {@code text/event-stream}. Immutable.
 *
 * @param type the {@code event:} field, {@code message} when the event had none
 * @param id the last event id seen so far on the stream (sent back as {@code Last-Event-ID} when reconnecting),
 *     or null
 */
public record ServerSentEvent(String type, String data, String id) {}
