package uk.lifeline.backend.meter;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.code.Eui64;

/**
 * Finds devices by EUI-64 within one supplier. Found devices are kept for a minute (the issuing path reads
 * the same meters again and again; devices change only when they are re-provisioned). Thread-safe.
 */
@Component
public class Meters {

    private static final Duration KEEP = Duration.ofMinutes(1);
    private static final int CAPACITY = 100_000;

    private record Key(UUID supplier, Eui64 eui) {}

    private record Kept(Meter meter, long until) {}

    private final DatabaseClient db;
    private final ConcurrentMap<Key, Kept> recent = new ConcurrentHashMap<>();

    public Meters(DatabaseClient db) {
        this.db = db;
    }

    /**
     * The device, or a not-found error that reads the same whether the id is malformed, unknown, or another
     * supplier's (existence is never revealed).
     */
    public Mono<Meter> find(UUID supplierId, String meterId) {
        Eui64 eui;
        try {
            eui = Eui64.parse(meterId);
        } catch (IllegalArgumentException e) {
            return Mono.error(ApiException.notFound("meter", shorten(meterId)));
        }
        Key key = new Key(supplierId, eui);
        Kept kept = recent.get(key);
        if (kept != null && kept.until() > System.nanoTime()) {
            return Mono.just(kept.meter());
        }
        return db.sql("""
                        SELECT d.id, d.eui64, d.device_type, d.wan_state, d.ka_public_key, p.customer_account_id
                        FROM device d JOIN premises p ON p.supplier_id = d.supplier_id AND p.id = d.premises_id
                        WHERE d.supplier_id = :supplier AND d.eui64 = :eui
                        """)
                .bind("supplier", supplierId)
                .bind("eui", eui.toString())
                .map(row -> new Meter(
                        row.get("id", UUID.class),
                        supplierId,
                        eui,
                        DeviceType.valueOf(row.get("device_type", String.class)),
                        WanState.valueOf(row.get("wan_state", String.class)),
                        row.get("ka_public_key", String.class),
                        row.get("customer_account_id", UUID.class)))
                .one()
                .doOnNext(meter -> {
                    if (recent.size() >= CAPACITY) {
                        recent.clear();
                    }
                    recent.put(key, new Kept(meter, System.nanoTime() + KEEP.toNanos()));
                })
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("meter", eui)));
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
