package uk.lifeline.backend.reach.sms;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.ReactiveHealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** {@code sms} in health: whether texts are on, the link bound, and what waits. Always UP: the app still works. */
@Component("sms")
class SmsHealth implements ReactiveHealthIndicator {

    private final SmsConfig.Texts texts;
    private final SmsProperties config;
    private final DatabaseClient db;

    SmsHealth(SmsConfig.Texts texts, SmsProperties config, DatabaseClient db) {
        this.texts = texts;
        this.config = config;
        this.db = db;
    }

    @Override
    public Mono<Health> health() {
        String description = texts.sender() == null
                ? "texts OFF: no SMSC is configured (lifeline.sms.host)"
                : texts.demo() != null
                        ? "texts on: the demo's loopback SMSC (no phone receives them)"
                        : "texts on: " + config.smscHost() + ":" + config.smscPort();
        return db.sql("""
                        SELECT (SELECT count(*) FROM sms_message WHERE state = 'PENDING') AS pending,
                          (SELECT count(*) FROM sms_message WHERE state = 'IN_DOUBT') AS in_doubt
                        """)
                .map(row -> Health.status(new Status(Status.UP.getCode(), description))
                        .withDetail(
                                "bound",
                                texts.sender() != null && texts.sender().linkUp())
                        .withDetail("pending", row.get("pending", Long.class))
                        .withDetail("inDoubt", row.get("in_doubt", Long.class))
                        .build())
                .one();
    }
}
