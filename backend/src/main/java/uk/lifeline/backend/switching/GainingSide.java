package uk.lifeline.backend.switching;

import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.ledger.CodeBlocks;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;

/**
 * What a change of supplier gives the gaining supplier, in the switch's transaction: its own premises (or, when
 * it supplied the premises before, its old one again), supply points and devices, copied from the losing
 * supplier's (the same MPAN/MPRNs and EUI-64s, the meters' public keys and WAN states), for the account it names,
 * with every meter's codes blocked until its credentials are on the meter. Thread-safe; joins the caller's
 * transaction.
 */
@Component
class GainingSide {

    /** The losing supplier's premises being taken over. Immutable. */
    record From(
            UUID supplierId, UUID premisesId, String address, String postcode, List<String> mpxns, List<String> euis) {}

    private final DatabaseClient db;
    private final CodeBlocks blocks;

    GainingSide(DatabaseClient db, CodeBlocks blocks) {
        this.db = db;
        this.blocks = blocks;
    }

    /** Completes with the gaining supplier's premises id. */
    Mono<UUID> take(UUID gaining, UUID account, From from) {
        return earlierPremises(gaining, from)
                .flatMap(earlier -> earlier.map(p -> reopen(gaining, p, account, from))
                        .orElseGet(() -> open(gaining, account, from)))
                .flatMap(premises -> copy(gaining, premises, from)
                        .then(blocks.blockPremises(gaining, premises, CodeBlocks.AWAITING_CREDENTIALS))
                        .thenReturn(premises));
    }

    /**
     * The gaining supplier's own ended premises holding these supply points and devices, when it supplied them
     * before; an error when it holds any of them at a premises it still supplies, or at two premises.
     */
    private Mono<java.util.Optional<UUID>> earlierPremises(UUID gaining, From from) {
        return db.sql("""
                        SELECT DISTINCT p.id, p.supply_ended_at IS NULL AS live
                        FROM premises p
                        WHERE p.supplier_id = :g AND (
                          EXISTS (SELECT 1 FROM supply_point sp WHERE sp.supplier_id = :g AND sp.premises_id = p.id
                                    AND sp.mpxn = ANY(:mpxns::text[]))
                          OR EXISTS (SELECT 1 FROM device d WHERE d.supplier_id = :g AND d.premises_id = p.id
                                    AND d.eui64 = ANY(:euis::text[])))
                        """)
                .bind("g", gaining)
                .bind("mpxns", from.mpxns().toArray(String[]::new))
                .bind("euis", from.euis().toArray(String[]::new))
                .map(row -> new Object[] {row.get("id", UUID.class), row.get("live", Boolean.class)})
                .all()
                .collectList()
                .map(found -> {
                    if (found.stream().anyMatch(r -> Boolean.TRUE.equals(r[1]))) {
                        throw ApiException.field(
                                ProblemType.VALIDATION,
                                "mpxns",
                                "you already supply a supply point" + " or device of this premises",
                                null);
                    }
                    if (found.size() > 1) {
                        throw ApiException.field(
                                ProblemType.VALIDATION,
                                "mpxns",
                                "your earlier records hold this" + " premises' supply points or devices at "
                                        + found.size() + " premises",
                                null);
                    }
                    return found.stream().map(r -> (UUID) r[0]).findFirst();
                });
    }

    private Mono<UUID> open(UUID gaining, UUID account, From from) {
        UUID id = UUID.randomUUID();
        return db.sql("INSERT INTO premises (id, supplier_id, customer_account_id, address, postcode)"
                        + " VALUES (:id, :g, :a, :address, :postcode)")
                .bind("id", id)
                .bind("g", gaining)
                .bind("a", account)
                .bind("address", from.address())
                .bind("postcode", from.postcode())
                .fetch()
                .rowsUpdated()
                .thenReturn(id);
    }

    private Mono<UUID> reopen(UUID gaining, UUID premises, UUID account, From from) {
        return db.sql("""
                        UPDATE premises SET supply_ended_at = NULL, customer_account_id = :a, address = :address,
                          postcode = :postcode
                        WHERE supplier_id = :g AND id = :p
                        """)
                .bind("a", account)
                .bind("address", from.address())
                .bind("postcode", from.postcode())
                .bind("g", gaining)
                .bind("p", premises)
                .fetch()
                .rowsUpdated()
                .thenReturn(premises);
    }

    private Mono<Void> copy(UUID gaining, UUID premises, From from) {
        Mono<Long> supplyPoints = db.sql("""
                        INSERT INTO supply_point (id, supplier_id, premises_id, fuel, mpxn)
                        SELECT gen_random_uuid(), :g, :gp, fuel, mpxn FROM supply_point
                        WHERE supplier_id = :l AND premises_id = :lp
                        ON CONFLICT (supplier_id, mpxn) DO NOTHING
                        """)
                .bind("g", gaining)
                .bind("gp", premises)
                .bind("l", from.supplierId())
                .bind("lp", from.premisesId())
                .fetch()
                .rowsUpdated();
        Mono<Long> devices = db.sql("""
                        INSERT INTO device (id, supplier_id, premises_id, supply_point_id, eui64, device_type,
                          ka_public_key, wan_state)
                        SELECT gen_random_uuid(), :g, :gp, gsp.id, ld.eui64, ld.device_type, ld.ka_public_key,
                          ld.wan_state
                        FROM device ld
                        LEFT JOIN supply_point lsp ON lsp.supplier_id = ld.supplier_id AND lsp.id = ld.supply_point_id
                        LEFT JOIN supply_point gsp ON gsp.supplier_id = :g AND gsp.mpxn = lsp.mpxn
                        WHERE ld.supplier_id = :l AND ld.premises_id = :lp
                        ON CONFLICT (supplier_id, eui64) DO UPDATE SET premises_id = EXCLUDED.premises_id,
                          supply_point_id = EXCLUDED.supply_point_id, device_type = EXCLUDED.device_type,
                          ka_public_key = EXCLUDED.ka_public_key, wan_state = EXCLUDED.wan_state
                        """)
                .bind("g", gaining)
                .bind("gp", premises)
                .bind("l", from.supplierId())
                .bind("lp", from.premisesId())
                .fetch()
                .rowsUpdated();
        return supplyPoints.then(devices).then();
    }
}
