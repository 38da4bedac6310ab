package uk.lifeline.backend.psr;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.reach.contact.Need;
import uk.lifeline.backend.reach.contact.RegisteredNeeds;

/**
 * The register's side of reach's {@link RegisteredNeeds} port: which PSR needs change how a customer is reached.
 * Only a customer who cannot read a text (blind, partially sighted) is mapped; what that does (a call straight
 * after the text) is reach's rule. Thread-safe.
 */
@Component
class PsrReachNeeds implements RegisteredNeeds {

    private final PsrEntries entries;

    PsrReachNeeds(PsrEntries entries) {
        this.entries = entries;
    }

    @Override
    public Mono<Set<Need>> of(UUID supplier, UUID customer) {
        return entries.find(supplier, customer).map(e -> reachNeeds(e.needs()));
    }

    static Set<Need> reachNeeds(List<PsrNeed> needs) {
        Set<Need> out = EnumSet.noneOf(Need.class);
        if (needs.contains(PsrNeed.BLIND) || needs.contains(PsrNeed.PARTIALLY_SIGHTED)) {
            out.add(Need.BLIND_OR_PARTIALLY_SIGHTED);
        }
        return out;
    }
}
