package uk.lifeline.backend.switching;

import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.commissioning.PremisesRegister;
import uk.lifeline.backend.ledger.CodeBlocks;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;

/**
 * What a change of supplier gives the gaining supplier, in the switch's transaction: its own premises (or, when
 * it supplied the premises before, its old one again), supply points and devices, copied from the losing
 * supplier's (the same MPAN/MPRNs and EUI-64s, the meters' public keys and WAN states), for the account it names,
 * with every meter's codes blocked until its credentials are on the meter. The rows are written by commissioning's
 * {@link PremisesRegister}. Thread-safe; joins the caller's transaction.
 */
@Component
class GainingSide {

    /** The losing supplier's premises being taken over. Immutable. */
    record From(
            UUID supplierId, UUID premisesId, String address, String postcode, List<String> mpxns, List<String> euis) {}

    private final DatabaseClient db;
    private final PremisesRegister register;
    private final CodeBlocks blocks;

    GainingSide(DatabaseClient db, PremisesRegister register, CodeBlocks blocks) {
        this.db = db;
        this.register = register;
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
        return register.addPremises(id, gaining, account, from.address(), from.postcode())
                .thenReturn(id);
    }

    private Mono<UUID> reopen(UUID gaining, UUID premises, UUID account, From from) {
        return register.reopenPremises(gaining, premises, account, from.address(), from.postcode())
                .thenReturn(premises);
    }

    private Mono<Void> copy(UUID gaining, UUID premises, From from) {
        return register.copyMeters(from.supplierId(), from.premisesId(), gaining, premises);
    }
}
