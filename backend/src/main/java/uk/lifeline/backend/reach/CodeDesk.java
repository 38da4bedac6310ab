package uk.lifeline.backend.reach;

import java.time.Instant;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * The narrow port through which text and voice reach the code ledger: the only codes, results and customers'
 * facts they read or write go through here, so following the ledger's changes is one class
 * ({@link LedgerCodeDesk}).
 */
public interface CodeDesk {

    /** One code's facts, if it is the supplier's and its digits were released. */
    Mono<CodeFacts> code(UUID supplierId, UUID codeId);

    /** The customer's newest code that is released, not yet entered or finished, and not expired. */
    Mono<CodeFacts> latestWaiting(UUID supplierId, UUID customerId);

    /** The customer's waiting codes, newest first (a caller on the inbound line hears them all). */
    reactor.core.publisher.Flux<CodeFacts> waiting(UUID supplierId, UUID customerId);

    /**
     * The customer said they typed the code (a DONE reply, key 2 on a call): the code becomes ENTERED, audited
     * with the channel. True if it moved; false if it was already entered or had a result.
     */
    Mono<Boolean> recordEntered(UUID supplierId, UUID codeId, Channel channel, Instant at);

    /** How far a code has got with the customer. */
    enum Progress {
        /** Released, not yet fetched by the app. */
        WAITING,
        /** The app has it (delivered), nothing confirmed yet. */
        FETCHED,
        /** Entered, accepted or rejected: the customer typed it. */
        CONFIRMED,
        /** Cancelled, expired or never released: nothing more to do. */
        FINISHED
    }

    Mono<Progress> progress(UUID supplierId, UUID codeId);
}
