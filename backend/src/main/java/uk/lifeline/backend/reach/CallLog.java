package uk.lifeline.backend.reach;

import java.time.Instant;
import java.util.UUID;
import reactor.core.publisher.Flux;
import uk.lifeline.words.Language;

/**
 * The voice calls made to (or taken from) customers, as they were said: read by the demo phones page and by a
 * code's delivery attempts, written only by the voice feature (which implements this port).
 */
public interface CallLog {

    /**
     * One call.
     *
     * @param direction OUT (we rang the customer) or IN (the customer rang us)
     * @param state the call's last known state, in Twilio's words (queued, ringing, in-progress, completed,
     *     busy, no-answer, failed, canceled)
     * @param script what the call says, in the customer's language, as plain text (the TwiML's words)
     */
    record Call(
            UUID id,
            UUID supplierId,
            UUID customerId,
            UUID codeId,
            UUID campaignId,
            String phone,
            Language language,
            String direction,
            String state,
            String script,
            Instant at) {}

    /** The customer's calls, newest first. */
    Flux<Call> forCustomer(UUID supplierId, UUID customerId, int limit);

    /** The calls that carried one code, oldest first. */
    Flux<Call> forCode(UUID supplierId, UUID codeId);
}
