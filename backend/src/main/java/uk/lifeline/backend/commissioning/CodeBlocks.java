package uk.lifeline.backend.commissioning;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
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

    private final DatabaseClient db;

    CodeBlocks(DatabaseClient db) {
        this.db = db;
    }

    /** Blocks the codes of every meter the supplier has at the premises; completes with how many. */
    public Mono<Long> blockPremises(UUID supplierId, UUID premisesId, String why) {
        return db.sql("""
                        UPDATE code_counter c SET codes_blocked = :why, blocked_next_counter = c.next_counter
                        FROM device d
                        WHERE d.supplier_id = :s AND d.premises_id = :p
                          AND c.supplier_id = d.supplier_id AND c.device_id = d.id
                        """)
                .bind("why", why).bind("s", supplierId).bind("p", premisesId).fetch().rowsUpdated();
    }

    /** Lifts the block on the device when it is blocked for that reason; otherwise changes nothing. */
    public Mono<Void> lift(Registration device, String why) {
        return db.sql("""
                        UPDATE code_counter SET codes_blocked = NULL, blocked_next_counter = NULL
                        WHERE supplier_id = :s AND device_id = :d AND codes_blocked = :why
                        """)
                .bind("s", device.supplierId()).bind("d", device.deviceId()).bind("why", why)
                .fetch().rowsUpdated().then();
    }
}
