package uk.lifeline.backend.delivery;

import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * Customers' signed copies of notices, as retention sees them. Declared here and implemented by the feature that
 * writes them ({@code campaign}), so delivery's retention sweep deletes them without knowing campaigns (campaign
 * depends on delivery, never the other way).
 */
public interface NoticeCopies {

    /**
     * Deletes at most {@code limit} copies of notices that ended before {@code cutoff} (none of a notice whose
     * campaign is still running), skipping rows another sweep holds; completes with how many it deleted.
     */
    Mono<Integer> deleteEndedBefore(Instant cutoff, int limit);
}
