package uk.lifeline.backend.delivery;

import java.util.List;
import reactor.core.publisher.Mono;

/**
 * A feature that starts its own work for codes a campaign page releases, in the page's transaction (the reach
 * ladder writes each code's first step): {@link Outbox#addAll} calls it after writing the page's messages, so the
 * work exists exactly when the messages do, and nobody has to read the outbox back to find them. Implemented
 * outside this package (the follower depends on delivery, never the other way).
 */
public interface ReleaseFollower {

    /** The page's code messages, just written in the caller's transaction; all of one supplier. */
    Mono<Void> released(List<Outbox.Message> codes);
}
