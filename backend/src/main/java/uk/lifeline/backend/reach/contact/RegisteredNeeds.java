package uk.lifeline.backend.reach.contact;

import java.util.Set;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * The port through which the Priority Services Register tells reach what a customer's registered needs mean for
 * reaching them (issue 17). The psr feature implements it; reach never reads the register's tables, and what
 * each reach need then does is decided in {@link Reachability} alone.
 */
public interface RegisteredNeeds {

    /** The reach needs the customer's PSR entry implies, within their supplier; empty when they have none. */
    Mono<Set<Need>> of(UUID supplier, UUID customer);
}
