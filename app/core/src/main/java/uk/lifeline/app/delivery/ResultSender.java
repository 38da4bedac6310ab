package uk.lifeline.app.delivery;

import java.io.IOException;
import java.util.logging.Logger;
import uk.lifeline.app.wallet.PendingResult;
import uk.lifeline.app.wallet.ResultOutbox;

/**
 * Sends the results recorded offline, oldest first, and forgets each once the backend has it. A network or
 * server failure stops the round and keeps the rest for the next one; a result the backend refuses for good
 * (4xx, e.g. a result for a code already closed) is dropped, since sending it again cannot succeed. Each result
 * goes with the id it was given when recorded, the same on every retry. Thread-safe.
 */
public final class ResultSender {

    private static final Logger log = Logger.getLogger(ResultSender.class.getName());

    private final ResultOutbox outbox;
    private final LifelineClient client;

    public ResultSender(ResultOutbox outbox, LifelineClient client) {
        this.outbox = outbox;
        this.client = client;
    }

    /** What one round did. */
    public record Round(int sent, int dropped, int left) {}

    /**
     * Sends what it can.
     *
     * @throws HttpStatusException 401 when the session has ended (the results stay queued)
     */
    public synchronized Round send() throws HttpStatusException {
        int sent = 0;
        int dropped = 0;
        for (PendingResult result : outbox.pending()) {
            try {
                client.postResult(result.codeId(), result.outcome(), result.resultId());
                outbox.remove(result.seq());
                sent++;
            } catch (HttpStatusException e) {
                if (e.isSignedOut()) {
                    throw e;
                }
                if (e.isRetryable()) {
                    break;
                }
                log.warning("the backend refused result " + result.outcome().code() + " for code " + result.codeId()
                        + ": " + e.getMessage());
                outbox.remove(result.seq());
                dropped++;
            } catch (IOException e) {
                break;
            }
        }
        return new Round(sent, dropped, outbox.pending().size());
    }
}
