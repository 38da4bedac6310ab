package uk.lifeline.backend.delivery;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.ReactiveHealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The {@code push} component of {@code /actuator/health}: whether FCM is configured (its description says so to
 * anyone, details only to OPS and ADMIN), and how many phone messages wait or are in doubt. Push being
 * off is not a fault (the app pulls and streams), so the status stays UP.
 */
@Component("push")
class PushHealth implements ReactiveHealthIndicator {

    private final PushGateway gateway;
    private final DatabaseClient db;

    PushHealth(PushGateway gateway, DatabaseClient db) {
        this.gateway = gateway;
        this.db = db;
    }

    @Override
    public Mono<Health> health() {
        Status status = new Status(
                Status.UP.getCode(),
                gateway.configured() ? "push on: " + gateway.description() : "push OFF: " + gateway.description());
        return db.sql("""
                        SELECT (SELECT count(*) FROM push_delivery WHERE state = 'PENDING') AS pending,
                          (SELECT count(*) FROM push_delivery WHERE state = 'IN_DOUBT') AS in_doubt
                        """)
                .map(row -> Health.status(status)
                        .withDetail("fcm", gateway.configured() ? "configured" : "not configured")
                        .withDetail("pending", row.get("pending", Long.class))
                        .withDetail("inDoubt", row.get("in_doubt", Long.class))
                        .build())
                .one();
    }
}
