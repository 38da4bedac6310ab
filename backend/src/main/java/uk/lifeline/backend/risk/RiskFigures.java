package uk.lifeline.backend.risk;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.lifeline.calendar.MeterTime;

/**
 * A month's figures for the supplier's regulatory reporting, counted from the risk feature's own records: meters
 * detected on a daily list (and how many of them PSR), customers contacted, reached and supported, support-credit
 * codes and their amount, and self-disconnections customers reported. Months are Europe/London. Thread-safe.
 */
@Component
class RiskFigures {

    static final List<String> CSV_HEADER = List.of(
            "month",
            "detected_meters",
            "detected_psr_meters",
            "customers_contacted",
            "customers_reached",
            "customers_supported",
            "support_credit_codes",
            "support_credit_pence",
            "self_disconnections_reported");

    /** Immutable. */
    record Month(
            String month,
            long detectedMeters,
            long detectedPsrMeters,
            long customersContacted,
            long customersReached,
            long customersSupported,
            long supportCreditCodes,
            long supportCreditPence,
            long selfDisconnectionsReported) {

        List<String> csv() {
            return List.of(
                    month,
                    Long.toString(detectedMeters),
                    Long.toString(detectedPsrMeters),
                    Long.toString(customersContacted),
                    Long.toString(customersReached),
                    Long.toString(customersSupported),
                    Long.toString(supportCreditCodes),
                    Long.toString(supportCreditPence),
                    Long.toString(selfDisconnectionsReported));
        }
    }

    private final DatabaseClient db;

    RiskFigures(DatabaseClient db) {
        this.db = db;
    }

    Mono<Month> of(UUID supplier, YearMonth month) {
        LocalDate first = month.atDay(1);
        LocalDate next = month.plusMonths(1).atDay(1);
        Instant from = first.atStartOfDay(MeterTime.ZONE).toInstant();
        Instant to = next.atStartOfDay(MeterTime.ZONE).toInstant();
        return db.sql("""
                SELECT
                  (SELECT count(DISTINCT device_id) FROM risk_detection
                     WHERE supplier_id = :s AND day >= :first AND day < :next) AS detected,
                  (SELECT count(DISTINCT device_id) FROM risk_detection
                     WHERE supplier_id = :s AND day >= :first AND day < :next AND psr) AS detected_psr,
                  (SELECT count(DISTINCT customer_account_id) FROM risk_event
                     WHERE supplier_id = :s AND kind = 'CONTACT' AND at >= :from AND at < :to) AS contacted,
                  (SELECT count(DISTINCT customer_account_id) FROM risk_event WHERE supplier_id = :s
                     AND kind = 'CONTACT' AND outcome IN ('REACHED', 'SUPPORTED') AND at >= :from AND at < :to)
                     AS reached,
                  (SELECT count(DISTINCT customer_account_id) FROM risk_event WHERE supplier_id = :s
                     AND kind = 'CONTACT' AND outcome = 'SUPPORTED' AND at >= :from AND at < :to) AS supported,
                  (SELECT count(*) FROM risk_event WHERE supplier_id = :s AND code_id IS NOT NULL
                     AND at >= :from AND at < :to) AS codes,
                  (SELECT coalesce(sum(c.amount_pence), 0) FROM risk_event e
                     JOIN code c ON c.supplier_id = e.supplier_id AND c.id = e.code_id
                     WHERE e.supplier_id = :s AND e.at >= :from AND e.at < :to
                       AND c.status NOT IN ('CANCELLED', 'EXPIRED')) AS pence,
                  (SELECT count(*) FROM risk_event WHERE supplier_id = :s AND kind = 'NO_SUPPLY_REPORTED'
                     AND at >= :from AND at < :to) AS no_supply
                """)
                .bind("s", supplier)
                .bind("first", first)
                .bind("next", next)
                .bind("from", from)
                .bind("to", to)
                .map(r -> new Month(
                        month.toString(),
                        n(r.get("detected")),
                        n(r.get("detected_psr")),
                        n(r.get("contacted")),
                        n(r.get("reached")),
                        n(r.get("supported")),
                        n(r.get("codes")),
                        n(r.get("pence")),
                        n(r.get("no_supply"))))
                .one();
    }

    private static long n(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
