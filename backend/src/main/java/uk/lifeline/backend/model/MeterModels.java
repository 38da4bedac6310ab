package uk.lifeline.backend.model;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.lifeline.forecast.Observation;
import uk.lifeline.prepay.MeterState;

/**
 * Reads and writes {@code meter_model}. Every statement names the supplier. Thread-safe.
 */
@Component
public class MeterModels {

    private static final String SELECT =
            "SELECT * FROM meter_model WHERE supplier_id = :supplier" + " AND device_id = :device";

    /**
     * Scalar subqueries for a statement on {@code code_counter} (e.g. the counter's {@code RETURNING}): the meter's
     * modelled state as JSON text, and its source; null without a model. Issuing reads them in the round trip
     * that takes the counter.
     */
    public static final String STATE_OF_COUNTER = "(SELECT m.state::text FROM meter_model m"
            + " WHERE m.supplier_id = code_counter.supplier_id AND m.device_id = code_counter.device_id)";

    public static final String SOURCE_OF_COUNTER = "(SELECT m.source FROM meter_model m"
            + " WHERE m.supplier_id = code_counter.supplier_id AND m.device_id = code_counter.device_id)";

    private final DatabaseClient db;

    public MeterModels(DatabaseClient db) {
        this.db = db;
    }

    /** The meter's model, or empty when the backend has none. */
    public Mono<MeterModel> find(UUID supplier, UUID device) {
        return db.sql(SELECT)
                .bind("supplier", supplier)
                .bind("device", device)
                .map(MeterModels::read)
                .one();
    }

    /** The same, locking the row until the caller's transaction ends. */
    Mono<MeterModel> lock(UUID supplier, UUID device) {
        return db.sql(SELECT + " FOR UPDATE")
                .bind("supplier", supplier)
                .bind("device", device)
                .map(MeterModels::read)
                .one();
    }

    /** Writes the first model of a meter; a meter that already has one keeps it. */
    public Mono<Boolean> seed(UUID supplier, UUID device, MeterState state, Instant at) {
        return bind(db.sql("""
                        INSERT INTO meter_model (supplier_id, device_id, format, state, as_of, source, source_code_id,
                          diverged, updated_by, updated_at, version)
                        VALUES (:supplier, :device, :format, :state, :asOf, :source, :code, :diverged, :by, :at,
                          :version)
                        ON CONFLICT (supplier_id, device_id) DO NOTHING
                        """), new MeterModel(supplier, device, state, ModelSource.SEEDED, null, null, null, at, 1))
                .fetch()
                .rowsUpdated()
                .map(n -> n == 1);
    }

    /**
     * Keeps a balance read off the display, for the run-out forecast's estimate of the home's use. A second
     * reading at the same instant replaces the first.
     */
    Mono<Void> reading(UUID supplier, UUID device, Observation.BalanceSeen seen, UUID by) {
        return db.sql("""
                        INSERT INTO meter_reading (supplier_id, device_id, read_at, position_pence, reported_by)
                        VALUES (:supplier, :device, :at, :position, :by)
                        ON CONFLICT (supplier_id, device_id, read_at)
                        DO UPDATE SET position_pence = EXCLUDED.position_pence, reported_by = EXCLUDED.reported_by
                        """)
                .bind("supplier", supplier)
                .bind("device", device)
                .bind("at", seen.at())
                .bind("position", seen.positionPence())
                .bind("by", by)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** Writes a model: inserts version 1, or replaces the row whose version is one less. */
    Mono<Void> save(MeterModel m) {
        String sql = m.version() == 1 ? """
                INSERT INTO meter_model (supplier_id, device_id, format, state, as_of, source, source_code_id,
                  diverged, updated_by, updated_at, version)
                VALUES (:supplier, :device, :format, :state, :asOf, :source, :code, :diverged, :by, :at, :version)
                """ : """
                UPDATE meter_model SET format = :format, state = :state, as_of = :asOf, source = :source,
                  source_code_id = :code, diverged = :diverged, updated_by = :by, updated_at = :at, version = :version
                WHERE supplier_id = :supplier AND device_id = :device AND version = :version - 1
                """;
        return bind(db.sql(sql), m)
                .fetch()
                .rowsUpdated()
                .flatMap(n -> n == 1
                        ? Mono.<Void>empty()
                        : Mono.error(new IllegalStateException(
                                "the model of device " + m.deviceId() + " changed while it was being written")));
    }

    private static GenericExecuteSpec bind(GenericExecuteSpec spec, MeterModel m) {
        spec = spec.bind("supplier", m.supplierId())
                .bind("device", m.deviceId())
                .bind("format", MeterStateJson.FORMAT)
                .bind("state", Json.of(MeterStateJson.write(m.state())))
                .bind("asOf", m.state().asOf())
                .bind("source", m.source().name())
                .bind("at", m.updatedAt())
                .bind("version", m.version());
        spec = m.sourceCodeId() == null ? spec.bindNull("code", UUID.class) : spec.bind("code", m.sourceCodeId());
        spec = m.diverged() == null ? spec.bindNull("diverged", String.class) : spec.bind("diverged", m.diverged());
        return m.updatedBy() == null ? spec.bindNull("by", UUID.class) : spec.bind("by", m.updatedBy());
    }

    private static MeterModel read(Readable row) {
        int format = row.get("format", Integer.class);
        if (format != MeterStateJson.FORMAT) {
            throw new IllegalStateException("meter_model format " + format + " is not " + MeterStateJson.FORMAT);
        }
        return new MeterModel(
                row.get("supplier_id", UUID.class),
                row.get("device_id", UUID.class),
                MeterStateJson.read(row.get("state", Json.class).asString()),
                ModelSource.valueOf(row.get("source", String.class)),
                row.get("source_code_id", UUID.class),
                row.get("diverged", String.class),
                row.get("updated_by", UUID.class),
                row.get("updated_at", Instant.class),
                row.get("version", Long.class));
    }
}
