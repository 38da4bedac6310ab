package uk.lifeline.app.delivery;

/**
 * Turns the lines of a {@code text/event-stream} into events, as the HTML standard's event-stream
 * interpretation does: {@code data:} lines join with newlines, a blank line ends an event, lines starting with a
 * colon are comments (keep-alives), the last event id carries over. Not thread-safe: one per stream.
 */
public final class EventStreamParser {

    private final StringBuilder data = new StringBuilder();
    private String type;
    private String lastId;
    private boolean hasData;
    private long retryMillis = -1;

    /** Feeds one line, without its line ending; returns the finished event, or null. */
    public ServerSentEvent line(String line) {
        if (line.isEmpty()) {
            return dispatch();
        }
        if (line.charAt(0) == ':') {
            return null;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "data":
                data.append(hasData ? "\n" : "").append(value);
                hasData = true;
                break;
            case "event":
                type = value;
                break;
            case "id":
                if (value.indexOf('\0') < 0) {
                    lastId = value;
                }
                break;
            case "retry":
                if (value.matches("[0-9]{1,9}")) {
                    retryMillis = Long.parseLong(value);
                }
                break;
            default:
                break;
        }
        return null;
    }

    /** The reconnection delay the server asked for, or -1. */
    public long retryMillis() {
        return retryMillis;
    }

    public String lastId() {
        return lastId;
    }

    private ServerSentEvent dispatch() {
        ServerSentEvent event = hasData
                ? new ServerSentEvent(type == null || type.isEmpty() ? "message" : type, data.toString(), lastId)
                : null;
        data.setLength(0);
        hasData = false;
        type = null;
        return event;
    }
}
