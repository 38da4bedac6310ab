package uk.lifeline.backend.ledger;

import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Blocks and unblocks codes for a supplier's meters by freezing their counters where they stand (V5): every code
 * takes a counter, so none can be made while the block holds, on the issuing path and in campaigns alike.
 * Thread-safe; joins the caller's transaction.
 */
@Component
public class CodeBlocks {

    /** The premises moved to another supplier. */
    public static final String SUPPLY_ENDED = "SUPPLY_ENDED";
    /** Gained, but the meter still trusts the losing supplier's prepayment key. */
    public static final String AWAITING_CREDENTIALS = "AWAITING_CREDENTIALS";

    private final CounterStore counters;

    CodeBlocks(CounterStore counters) {
        this.counters = counters;
    }

    /** Blocks the codes of every meter the supplier has at the premises; completes with how many. */
    public Mono<Long> blockPremises(UUID supplierId, UUID premisesId, String why) {
        return counters.blockPremises(supplierId, premisesId, why);
    }

    /** Lifts the block on the device when it is blocked for that reason; otherwise changes nothing. */
    public Mono<Void> lift(UUID supplierId, UUID deviceId, String why) {
        return counters.lift(supplierId, deviceId, why);
    }
}
