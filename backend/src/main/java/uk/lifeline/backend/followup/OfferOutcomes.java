package uk.lifeline.backend.followup;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.audit.AuditLog;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;

/** What the customer said to an offer of the no-WAN code service: one transaction with its audit entry. Thread-safe. */
@Service
class OfferOutcomes {

    private final NoWanOffers offers;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final Clock clock;

    OfferOutcomes(NoWanOffers offers, AuditLog audit, TransactionalOperator tx, Clock clock) {
        this.offers = offers;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    Mono<NoWanOffers.Offer> decide(Caller caller, UUID offerId, String outcome, String note) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return tx.transactional(offers.find(caller.supplierId(), offerId, true)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("offer", offerId)))
                .flatMap(offer -> {
                    if (!"OFFERED".equals(offer.status())) {
                        return Mono.error(new ApiException(
                                ProblemType.ALREADY_ANSWERED,
                                "offer " + offerId + " was " + offer.status() + " at " + offer.outcomeAt()));
                    }
                    String trimmed = note == null ? "" : note.trim();
                    return offers.decide(caller.supplierId(), offerId, outcome, caller.userId(), trimmed, now)
                            .then(audit.append(
                                    caller.supplierId(),
                                    now,
                                    caller.userId(),
                                    "no-wan-offer." + outcome.toLowerCase(java.util.Locale.ROOT),
                                    "offer:" + offerId,
                                    Map.of("customer", offer.customerId().toString(), "note", trimmed)))
                            .then(offers.find(caller.supplierId(), offerId, false));
                }));
    }
}
