package uk.lifeline.app.delivery;

import java.io.IOException;

/**
 * The backend answered with an error status. Carries the status and the problem's detail (RFC 9457 problem
 * JSON, as the backend sends), cut short.
 */
public final class HttpStatusException extends IOException {

    private final int status;

    public HttpStatusException(String method, String path, int status, String detail) {
        super(method + " " + path + " answered " + status + (detail == null ? "" : ": " + shorten(detail)));
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** Worth trying again later: the server or the network had a problem, not the request. */
    public boolean isRetryable() {
        return status >= 500 || status == 408 || status == 429;
    }

    /** The session is no longer accepted: the customer must activate the app again. */
    public boolean isSignedOut() {
        return status == 401;
    }

    private static String shorten(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
