package uk.lifeline.backend.demo;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.reach.contact.ContactService;
import uk.lifeline.backend.reach.contact.ContactUpdate;

/**
 * Demo contact points and needs (issue 14), recorded through the contact feature's own checks and audit as an
 * agent would: mobiles from Ofcom's drama range (07700 900000-900999), landlines from 01632 960xxx, English and
 * Welsh customers, some with needs, some agreeing to texts or calls, some with no app. Added once, also to a demo
 * database seeded before it existed.
 */
@Component
class DemoContacts {

    private static final Logger log = LoggerFactory.getLogger(DemoContacts.class);

    /** One customer's contact details, as an agent would type them; {@code by} is the staff user recording them. */
    record Seed(String supplier, String by, String account, ContactUpdate update) {}

    private static ContactUpdate contact(
            String mobile, String landline, String language, List<String> channels, List<String> needs) {
        return new ContactUpdate(mobile, landline, language, channels, needs, null, 0, "demo data");
    }

    static final List<Seed> SEEDS = List.of(
            // Carol has the app and agreed to texts as well.
            new Seed(
                    "bright-energy",
                    "ada.admin",
                    "ACC-100001",
                    contact("07700 900001", null, "en", List.of("APP", "SMS"), List.of())),
            // Colin reads Welsh: his texts are in Welsh and teach ETO, WEDI, CYMORTH, STOPIO.
            new Seed(
                    "bright-energy",
                    "ada.admin",
                    "ACC-100002",
                    contact("07700 900002", null, "cy", List.of("APP", "SMS"), List.of())),
            // Grace has no app and cannot read small print: a text, then a call to her landline as well.
            new Seed(
                    "bright-energy",
                    "ada.admin",
                    "ACC-100003",
                    contact("07700 900003", "01632 960003", "en", List.of("SMS", "VOICE"), List.of("SMALL_PRINT"))),
            // Harry has no app and is deaf: texts only, never a call.
            new Seed(
                    "bright-energy",
                    "ada.admin",
                    "ACC-100004",
                    contact("07700 900011", null, "en", List.of("SMS", "VOICE"), List.of("DEAF_OR_HARD_OF_HEARING"))),
            // Nora has the app and reads Welsh.
            new Seed(
                    "northern-power",
                    "ned.supervisor",
                    "ACC-200001",
                    contact("07700 900004", null, "cy", List.of("APP", "SMS"), List.of())),
            // Nadia is partially sighted and has no app: a Welsh text and a call to her landline.
            new Seed(
                    "northern-power",
                    "ned.supervisor",
                    "ACC-200002",
                    contact(
                            "07700 900010",
                            "01632 960010",
                            "cy",
                            List.of("SMS", "VOICE"),
                            List.of("BLIND_OR_PARTIALLY_SIGHTED"))),
            // Priya has only a landline: calls.
            new Seed(
                    "northern-power",
                    "ned.supervisor",
                    "ACC-200003",
                    contact(null, "01632 960012", "en", List.of("VOICE"), List.of())));

    private final DatabaseClient db;
    private final ContactService contacts;

    DemoContacts(DatabaseClient db, ContactService contacts) {
        this.db = db;
        this.contacts = contacts;
    }

    void seedOnce() {
        Long done = db.sql("SELECT count(*) FROM reach_contact c JOIN supplier s ON s.id = c.supplier_id"
                        + " WHERE s.code IN ('bright-energy', 'northern-power')")
                .map(r -> r.get(0, Long.class))
                .one()
                .block();
        if (done == null || done > 0) {
            return;
        }
        Long seeded = Flux.fromIterable(SEEDS).concatMap(this::seed).count().block();
        log.info("Recorded contact details for {} demo customers (texts and calls: see the demo phones page)", seeded);
    }

    private Mono<Integer> seed(Seed s) {
        return db.sql("""
                        SELECT a.supplier_id, a.id AS customer, u.id AS staff FROM customer_account a
                        JOIN supplier s ON s.id = a.supplier_id
                        JOIN app_user u ON u.supplier_id = a.supplier_id AND u.username = :by
                        WHERE s.code = :supplier AND a.account_number = :account
                        """)
                .bind("by", s.by())
                .bind("supplier", s.supplier())
                .bind("account", s.account())
                .map(r -> Map.entry(
                        r.get("supplier_id", UUID.class),
                        List.of(r.get("customer", UUID.class), r.get("staff", UUID.class))))
                .one()
                .flatMap(row -> contacts.update(
                        row.getKey(),
                        row.getValue().get(0),
                        row.getValue().get(1),
                        s.update().check()))
                .thenReturn(1);
    }
}
