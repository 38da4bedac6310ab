package uk.lifeline.backend.database;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.ReactiveHealthIndicator;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Whether the database can be reached, as far as this instance knows: down from the first connection failure
 * (or, with the embedded PostgreSQL, from the moment its watchdog finds the server dead) until a probe query
 * succeeds again. While it is down {@code problem.DatabaseGate} answers every request with 503
 * {@code database-unavailable} at once, and health is DOWN (503). Thread-safe.
 */
@Component("database")
public class DatabaseAvailability implements ReactiveHealthIndicator {

    /** What a client should wait before trying again, in seconds (the watchdog restarts in a few). */
    public static final int RETRY_AFTER_SECONDS = 5;

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
    private static final Logger log = LoggerFactory.getLogger(DatabaseAvailability.class);

    private final ConnectionFactory connections;
    private final EmbeddedDatabase embedded;
    private volatile boolean down;

    DatabaseAvailability(ConnectionFactory connections, ObjectProvider<EmbeddedDatabase> embedded) {
        this.connections = connections;
        this.embedded = embedded.getIfAvailable();
        if (this.embedded != null) {
            this.embedded.onRunningChange(running -> {
                if (!running) {
                    markDown("the embedded PostgreSQL stopped");
                }
            });
        }
    }

    public boolean down() {
        return down;
    }

    /** Records that the database could not be reached; the probe clears it once a query succeeds. */
    public void markDown(String why) {
        if (!down) {
            log.warn("The database is unavailable ({}); answering 503 until it is back", why);
        }
        down = true;
    }

    /** While down: one query through the pool; success (and, if embedded, a running server) ends the outage. */
    @Scheduled(fixedDelay = 1000)
    void probe() {
        if (!down || embedded != null && !embedded.running()) {
            return;
        }
        Boolean ok = Mono.usingWhen(
                        Mono.from(connections.create()),
                        (Connection c) -> Mono.from(
                                        c.createStatement("SELECT 1").execute())
                                .flatMap(result -> Mono.from(result.map((row, meta) -> row.get(0)))),
                        Connection::close)
                .map(one -> true)
                .timeout(PROBE_TIMEOUT)
                .onErrorReturn(false)
                .block();
        if (Boolean.TRUE.equals(ok)) {
            down = false;
            log.warn("The database is available again");
        }
    }

    @Override
    public Mono<Health> health() {
        return Mono.just(
                down
                        ? Health.down().withDetail("reason", "unreachable").build()
                        : Health.up().build());
    }
}
