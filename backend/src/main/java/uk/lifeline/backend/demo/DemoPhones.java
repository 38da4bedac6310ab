package uk.lifeline.backend.demo;

import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import uk.lifeline.backend.delivery.PushDevices;

/**
 * Demo data for delivery: a phone (FCM token {@code demo-phone-<account>}) for each demo customer who has a
 * sign-in, so a notice on the demo data has phones to push to (captured in tests; with FCM off they wait, then
 * expire). Only with {@code lifeline.demo.enabled}; never twice.
 */
@Component
class DemoPhones {

    private static final Logger log = LoggerFactory.getLogger(DemoPhones.class);

    private final DemoProperties demo;
    private final DatabaseClient db;
    private final PushDevices phones;

    DemoPhones(DemoProperties demo, DatabaseClient db, PushDevices phones) {
        this.demo = demo;
        this.db = db;
        this.phones = phones;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        if (!demo.enabled()) {
            return;
        }
        Instant now = Instant.now();
        // Read here, registered through delivery's own path: the phones' table has one writer.
        Long added = db.sql("""
                        SELECT u.supplier_id, u.customer_account_id, u.id, 'demo-phone-' || a.account_number AS token
                        FROM app_user u JOIN customer_account a ON a.supplier_id = u.supplier_id
                          AND a.id = u.customer_account_id
                        WHERE u.role = 'CUSTOMER' AND a.account_number IN ('ACC-100001', 'ACC-100002', 'ACC-200001')
                          AND NOT EXISTS (SELECT 1 FROM push_device d WHERE d.token = 'demo-phone-' || a.account_number)
                        """)
                .map(r -> new Object[] {
                    r.get("supplier_id", UUID.class),
                    r.get("customer_account_id", UUID.class),
                    r.get("id", UUID.class),
                    r.get("token", String.class)
                })
                .all()
                .concatMap(r -> phones.register(
                        (UUID) r[0], (UUID) r[1], (UUID) r[2], (String) r[3], "android", "demo phone", now))
                .count()
                .block();
        if (added != null && added > 0) {
            log.info("Registered {} demo phones (tokens demo-phone-<account number>)", added);
        }
    }
}
