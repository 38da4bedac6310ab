package uk.lifeline.backend.commissioning;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.database.Rows;

/**
 * Reads and writes {@code device_commissioning} and {@code install_code_release}. A record is global by EUI-64;
 * who may see it is decided by the callers of this class ({@link CommissioningService}). Thread-safe.
 */
@Component
class CommissioningRecords {

    private final DatabaseClient db;

    CommissioningRecords(DatabaseClient db) {
        this.db = db;
    }

    /** The record, locked for update when {@code lock}, or empty. */
    Mono<Commissioning> find(String eui64, boolean lock) {
        return db.sql("""
                        SELECT eui64, supplier_id, state, reason, installed_on, install_code, install_code_kid,
                          commissioned_at, commissioned_by
                        FROM device_commissioning WHERE eui64 = :e
                        """ + (lock ? " FOR UPDATE" : ""))
                .bind("e", eui64)
                .map(CommissioningRecords::read)
                .one();
    }

    /** Whether the record's code was released to the supplier. */
    Mono<Boolean> releasedTo(String eui64, UUID supplierId) {
        return db.sql("SELECT count(*) AS n FROM install_code_release WHERE eui64 = :e AND supplier_id = :s")
                .bind("e", eui64)
                .bind("s", supplierId)
                .map(row -> row.get("n", Long.class) > 0)
                .one();
    }

    Mono<Void> upsert(Commissioning c, Instant now) {
        GenericExecuteSpec spec = db.sql("""
                        INSERT INTO device_commissioning (eui64, supplier_id, state, reason, installed_on, install_code,
                          install_code_kid, commissioned_at, commissioned_by, updated_at)
                        VALUES (:e, :s, :state, :reason, :installed, :code, :kid, :at, :by, :now)
                        ON CONFLICT (eui64) DO UPDATE SET state = :state, reason = :reason, installed_on = :installed,
                          install_code = :code, install_code_kid = :kid, commissioned_at = :at, commissioned_by = :by,
                          updated_at = :now
                        WHERE device_commissioning.supplier_id = :s
                        """)
                .bind("e", c.eui64())
                .bind("s", c.installerId())
                .bind("state", c.state().name())
                .bind("now", now);
        spec = bindOrNull(spec, "reason", c.reason() == null ? null : c.reason().name(), String.class);
        spec = bindOrNull(spec, "installed", c.installedOn(), LocalDate.class);
        spec = bindOrNull(spec, "code", c.codeHeld() ? c.sealedCode().bytes() : null, byte[].class);
        spec = bindOrNull(spec, "kid", c.codeHeld() ? c.sealedCode().kid() : null, String.class);
        spec = bindOrNull(spec, "at", c.commissionedAt(), Instant.class);
        spec = bindOrNull(spec, "by", c.commissionedBy(), UUID.class);
        return spec.fetch()
                .rowsUpdated()
                .flatMap(n -> n == 1
                        ? Mono.<Void>empty()
                        : Mono.error(
                                new IllegalStateException("device " + c.eui64() + " has another installing supplier")));
    }

    Mono<Void> release(String eui64, UUID to, UUID installer, UUID requestId, UUID by, Instant at) {
        return db.sql("""
                        INSERT INTO install_code_release (eui64, supplier_id, installer_id, request_id, released_by,
                          released_at)
                        VALUES (:e, :to, :installer, :request, :by, :at) ON CONFLICT (eui64, supplier_id) DO NOTHING
                        """)
                .bind("e", eui64)
                .bind("to", to)
                .bind("installer", installer)
                .bind("request", requestId)
                .bind("by", by)
                .bind("at", at)
                .fetch()
                .rowsUpdated()
                .then();
    }

    static <T> GenericExecuteSpec bindOrNull(GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    private static Commissioning read(Readable row) {
        String reason = row.get("reason", String.class);
        Object code = row.get("install_code");
        return new Commissioning(
                row.get("eui64", String.class),
                row.get("supplier_id", UUID.class),
                CommissioningState.valueOf(row.get("state", String.class)),
                reason == null ? null : InstallReason.valueOf(reason),
                row.get("installed_on", LocalDate.class),
                code == null
                        ? null
                        : new InstallCodeVault.Sealed(row.get("install_code_kid", String.class), Rows.bytes(code)),
                row.get("commissioned_at", Instant.class),
                row.get("commissioned_by", UUID.class));
    }
}
