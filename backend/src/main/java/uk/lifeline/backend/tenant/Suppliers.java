package uk.lifeline.backend.tenant;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.lifeline.code.Eui64;

/** Reads suppliers, caching each by id (a supplier's code and originator ID never change). Thread-safe. */
@Component
public class Suppliers {

    private static final String COLUMNS = "SELECT id, code, name, originator_id FROM supplier";

    private final DatabaseClient db;
    private final ConcurrentMap<UUID, Supplier> byId = new ConcurrentHashMap<>();

    public Suppliers(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Supplier> byId(UUID id) {
        Supplier cached = byId.get(id);
        if (cached != null) {
            return Mono.just(cached);
        }
        return db.sql(COLUMNS + " WHERE id = :id")
                .bind("id", id)
                .map(Suppliers::read)
                .one()
                .doOnNext(s -> byId.put(s.id(), s));
    }

    public Flux<Supplier> all() {
        return db.sql(COLUMNS + " ORDER BY code").map(Suppliers::read).all();
    }

    private static Supplier read(io.r2dbc.spi.Readable row) {
        return new Supplier(
                row.get("id", UUID.class),
                row.get("code", String.class),
                row.get("name", String.class),
                Eui64.parse(row.get("originator_id", String.class)));
    }
}
