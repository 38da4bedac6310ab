package uk.lifeline.backend.psr;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.lifeline.calendar.MeterTime;

/**
 * Demo PSR entry: Carol Jones (ACC-100001), whose gas meter 00DB1234567800A2 is modelled in emergency credit,
 * registered as blind and of pensionable age with oxygen at home, so she heads the at-risk list. Added once, after
 * the demo seeder (its runner has finished by the time the application is ready), only when demo data is on.
 */
@Component
class DemoPsr {

    private static final Logger log = LoggerFactory.getLogger(DemoPsr.class);

    private final DatabaseClient db;
    private final PsrEntries entries;
    private final Clock clock;
    private final boolean enabled;

    DemoPsr(
            DatabaseClient db,
            PsrEntries entries,
            Clock clock,
            @Value("${lifeline.demo.enabled:false}") boolean enabled) {
        this.db = db;
        this.entries = entries;
        this.clock = clock;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        if (!enabled) {
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        db.sql("""
                SELECT a.supplier_id, a.id, u.id AS agent FROM customer_account a
                JOIN app_user u ON u.supplier_id = a.supplier_id AND u.username = 'amy.agent'
                WHERE a.account_number = 'ACC-100001'
                  AND NOT EXISTS (SELECT 1 FROM psr_entry p WHERE p.customer_account_id = a.id)
                """)
                .map(r -> new Object[] {
                    r.get("supplier_id", UUID.class), r.get("id", UUID.class), r.get("agent", UUID.class)
                })
                .one()
                .flatMap(row -> entries.save(
                        (UUID) row[0],
                        new PsrEntry(
                                (UUID) row[1],
                                List.of(PsrNeed.BLIND, PsrNeed.PENSIONABLE_AGE, PsrNeed.OXYGEN_USE),
                                true,
                                now,
                                LocalDate.ofInstant(now, MeterTime.ZONE).plusYears(1),
                                "Dan Jones (son), 07700900101",
                                "demo entry",
                                (UUID) row[2],
                                now,
                                1)))
                .doOnSuccess(v -> log.info("Demo PSR entry: ACC-100001 (Carol Jones)"))
                .onErrorResume(e -> {
                    log.warn("demo PSR entry not added: {}", e.getMessage());
                    return Mono.empty();
                })
                .block();
    }
}
