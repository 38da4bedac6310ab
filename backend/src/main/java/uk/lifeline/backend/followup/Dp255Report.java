package uk.lifeline.backend.followup;

import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import uk.lifeline.calendar.MeterTime;

/**
 * The DP255 follow-up report for one supplier: its devices in partial installs and its prepayment meters left
 * without WAN ({@link Dp255Devices}), each with its age band and region (postcode area), and a count per region
 * and band. Running it first makes any missing offers of the no-WAN code service. Thread-safe.
 */
@Component
class Dp255Report {

    /** One device to follow up. Immutable. */
    record Item(
            String deviceId,
            String deviceType,
            String category,
            String wanState,
            String commissioning,
            String reason,
            LocalDate installedOn,
            Long ageDays,
            AgeBand ageBand,
            String region,
            String postcode,
            String mpxn,
            String accountNumber,
            String customerName,
            String paymentMode,
            String codeService) {}

    /** Devices per age band in one region. Immutable. */
    record RegionCount(String region, Map<AgeBand, Long> byAge) {}

    record Report(LocalDate asOf, int total, List<RegionCount> summary, List<Item> items) {}

    private static final String SQL = "WITH " + Dp255Devices.CTE + """
            SELECT dp.*, a.account_number, a.name AS customer_name,
              CASE WHEN""" + " " + Dp255Devices.appLinked("dp") + """
               THEN 'ENROLLED' ELSE coalesce(o.status, 'NOT_OFFERED') END AS code_service
            FROM dp
            JOIN customer_account a ON a.supplier_id = :s AND a.id = dp.customer_account_id
            LEFT JOIN no_wan_offer o ON o.supplier_id = :s AND o.customer_account_id = dp.customer_account_id
            ORDER BY dp.installed_on NULLS LAST, dp.postcode, dp.eui64
            """;

    private final DatabaseClient db;
    private final NoWanOffers offers;
    private final TransactionalOperator tx;
    private final Clock clock;

    Dp255Report(DatabaseClient db, NoWanOffers offers, TransactionalOperator tx, Clock clock) {
        this.db = db;
        this.offers = offers;
        this.tx = tx;
        this.clock = clock;
    }

    Mono<Report> run(UUID supplierId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        LocalDate today = LocalDate.ofInstant(now, MeterTime.ZONE);
        return tx.transactional(offers.sweep(supplierId, now)
                        .then(db.sql(SQL)
                                .bind("s", supplierId)
                                .map(row -> item(row, today))
                                .all()
                                .collectList()))
                .map(items -> new Report(today, items.size(), summary(items), items));
    }

    private static List<RegionCount> summary(List<Item> items) {
        Map<String, Map<AgeBand, Long>> regions = new TreeMap<>();
        for (Item item : items) {
            regions.computeIfAbsent(item.region(), r -> {
                        Map<AgeBand, Long> bands = new EnumMap<>(AgeBand.class);
                        for (AgeBand band : AgeBand.values()) {
                            bands.put(band, 0L);
                        }
                        return bands;
                    })
                    .merge(item.ageBand(), 1L, Long::sum);
        }
        return regions.entrySet().stream()
                .map(e -> new RegionCount(e.getKey(), e.getValue()))
                .toList();
    }

    /** The postcode area: the letters before the first digit ({@code LS} of {@code LS6 2AB}). */
    static String region(String postcode) {
        String upper = postcode == null ? "" : postcode.trim().toUpperCase(Locale.ROOT);
        int end = 0;
        while (end < upper.length() && end < 2 && Character.isLetter(upper.charAt(end))) {
            end++;
        }
        return end == 0 ? "UNKNOWN" : upper.substring(0, end);
    }

    private static Item item(Readable row, LocalDate today) {
        LocalDate installed = row.get("installed_on", LocalDate.class);
        Long age = installed == null ? null : ChronoUnit.DAYS.between(installed, today);
        String postcode = row.get("postcode", String.class);
        return new Item(
                row.get("eui64", String.class),
                row.get("device_type", String.class),
                row.get("category", String.class),
                row.get("wan_state", String.class),
                row.get("commissioning", String.class),
                row.get("reason", String.class),
                installed,
                age,
                AgeBand.of(age),
                region(postcode),
                postcode,
                row.get("mpxn", String.class),
                row.get("account_number", String.class),
                row.get("customer_name", String.class),
                row.get("payment_mode", String.class),
                row.get("code_service", String.class));
    }
}
