package uk.lifeline.app.wallet;

import java.util.List;

/**
 * Results recorded offline, kept until the backend has them: SQLite on the phone, a list in tests. Implementations
 * are thread-safe.
 */
public interface ResultOutbox {

    /** Keeps a result, giving it the next sequence number. */
    void add(PendingResult result);

    /** Every result still to send, oldest first. */
    List<PendingResult> pending();

    void remove(long seq);
}
