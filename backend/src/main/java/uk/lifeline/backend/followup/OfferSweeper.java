package uk.lifeline.backend.followup;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import uk.lifeline.backend.tenant.Suppliers;

/**
 * Offers the no-WAN code service to prepayment customers who came into the DP255 set some other way than through
 * a recorded install (a meter's WAN state changed, a meter model reported prepayment mode): every supplier, every
 * {@code lifeline.no-wan-offers.sweep} (10 minutes by default). Thread-safe.
 */
@Component
class OfferSweeper {

    private static final Logger log = LoggerFactory.getLogger(OfferSweeper.class);

    private final Suppliers suppliers;
    private final NoWanOffers offers;
    private final TransactionalOperator tx;
    private final Clock clock;

    OfferSweeper(Suppliers suppliers, NoWanOffers offers, TransactionalOperator tx, Clock clock) {
        this.suppliers = suppliers;
        this.offers = offers;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(
            initialDelayString = "${lifeline.no-wan-offers.sweep:10m}",
            fixedDelayString = "${lifeline.no-wan-offers.sweep:10m}")
    void sweep() {
        try {
            Integer made = suppliers
                    .all()
                    .concatMap(s -> tx.transactional(
                            offers.sweep(s.id(), clock.instant().truncatedTo(ChronoUnit.MICROS))))
                    .reduce(0, Integer::sum)
                    .block();
            if (made != null && made > 0) {
                log.info("Offered the no-WAN code service to {} more customer(s)", made);
            }
        } catch (RuntimeException e) {
            log.warn("The no-WAN offer sweep failed; it runs again later", e);
        }
    }
}
