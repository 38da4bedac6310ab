package uk.lifeline.backend.delivery;

import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * Where delivery reports that a released code reached the customer's app. The code ledger implements it (a
 * code's status is the ledger's to change); delivery depends on this interface only, so the ledger can write
 * outbox messages without a package cycle. Implementations are thread-safe.
 */
public interface CodeReceipts {

    /** The code reached the app over {@code channel} in message {@code messageId}; a no-op unless it is ISSUED. */
    Mono<Void> delivered(UUID supplier, UUID codeId, String channel, long messageId);
}
