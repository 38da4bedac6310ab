package uk.lifeline.backend.customer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.customer.CustomerView.DeviceView;
import uk.lifeline.backend.customer.CustomerView.PremisesView;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;

/**
 * Finds a supplier's customers by account number, MPAN or MPRN, postcode or part of the name. A number that
 * looks like an MPAN or MPRN must have the right check digits, so a mistyped one is reported as such rather than
 * as 'no customer'. Thread-safe.
 */
@Component
class CustomerSearch {

    static final int LIMIT = 20;

    private static final String SQL = """
            WITH hits AS (
              SELECT a.id FROM customer_account a
              WHERE a.supplier_id = :supplier AND (
                a.account_number = :q
                OR lower(a.name) LIKE :name ESCAPE '\\'
                OR EXISTS (SELECT 1 FROM premises p WHERE p.supplier_id = :supplier
                           AND p.customer_account_id = a.id AND upper(replace(p.postcode, ' ', '')) = :postcode)
                OR EXISTS (SELECT 1 FROM premises p JOIN supply_point sp
                             ON sp.supplier_id = p.supplier_id AND sp.premises_id = p.id
                           WHERE p.supplier_id = :supplier AND p.customer_account_id = a.id AND sp.mpxn = :mpxn))
              ORDER BY a.account_number LIMIT :limit)
            SELECT a.id, a.account_number, a.name, p.id AS premises_id, p.address, p.postcode,
                   d.eui64, d.device_type, d.wan_state, sp.fuel, sp.mpxn
            FROM hits h
            JOIN customer_account a ON a.supplier_id = :supplier AND a.id = h.id
            LEFT JOIN premises p ON p.supplier_id = :supplier AND p.customer_account_id = a.id
            LEFT JOIN device d ON d.supplier_id = :supplier AND d.premises_id = p.id
            LEFT JOIN supply_point sp ON sp.supplier_id = :supplier AND sp.id = d.supply_point_id
            ORDER BY a.account_number, p.postcode, p.id, d.device_type, d.eui64
            """;

    private final DatabaseClient db;

    CustomerSearch(DatabaseClient db) {
        this.db = db;
    }

    Mono<List<CustomerView>> search(UUID supplierId, String query) {
        String q = query == null ? "" : query.trim();
        if (q.length() < 2 || q.length() > 100) {
            return Mono.error(ApiException.field(ProblemType.VALIDATION, "q", "give 2 to 100 characters", null));
        }
        String mpxn = supplyPointNumber(q);
        String name = "%"
                + q.toLowerCase(Locale.ROOT)
                        .replace("\\", "\\\\")
                        .replace("%", "\\%")
                        .replace("_", "\\_") + "%";
        return db.sql(SQL)
                .bind("supplier", supplierId)
                .bind("q", q)
                .bind("name", name)
                .bind("postcode", q.replace(" ", "").toUpperCase(Locale.ROOT))
                .bind("mpxn", mpxn)
                .bind("limit", LIMIT)
                .map((row, meta) -> new Row(
                        row.get("id", UUID.class),
                        row.get("account_number", String.class),
                        row.get("name", String.class),
                        row.get("premises_id", UUID.class),
                        row.get("address", String.class),
                        row.get("postcode", String.class),
                        row.get("eui64", String.class),
                        row.get("device_type", String.class),
                        row.get("wan_state", String.class),
                        row.get("fuel", String.class),
                        row.get("mpxn", String.class)))
                .all()
                .collectList()
                .map(CustomerSearch::group);
    }

    /** The MPAN core or MPRN to look for, or the query itself when it is not a supply point number. */
    private static String supplyPointNumber(String q) {
        String digits = q.replace(" ", "");
        if (!digits.matches("[0-9]+")) {
            return q;
        }
        if (digits.length() == 13 || digits.length() == 21) {
            String core = digits.substring(digits.length() - 13);
            if (!SupplyPointNumbers.isValidMpan(core)) {
                throw ApiException.field(
                        ProblemType.INVALID_MPAN,
                        "q",
                        "the MPAN's check digit does not match",
                        "a 13-digit MPAN core (or 21-digit full MPAN) with a valid check digit");
            }
            return core;
        }
        if (digits.length() >= 6 && digits.length() <= 10) {
            if (!SupplyPointNumbers.isValidMprn(digits)) {
                throw ApiException.field(
                        ProblemType.INVALID_MPRN,
                        "q",
                        "the MPRN's check digits do not match",
                        "a 6 to 10-digit MPRN with valid check digits");
            }
            return digits;
        }
        return q;
    }

    private record Row(
            UUID id,
            String accountNumber,
            String name,
            UUID premisesId,
            String address,
            String postcode,
            String eui64,
            String deviceType,
            String wanState,
            String fuel,
            String mpxn) {}

    private static List<CustomerView> group(List<Row> rows) {
        Map<UUID, List<Row>> byAccount = new LinkedHashMap<>();
        rows.forEach(
                r -> byAccount.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(r));
        List<CustomerView> out = new ArrayList<>();
        for (List<Row> account : byAccount.values()) {
            Map<UUID, List<Row>> byPremises = new LinkedHashMap<>();
            account.stream().filter(r -> r.premisesId() != null).forEach(r -> byPremises
                    .computeIfAbsent(r.premisesId(), k -> new ArrayList<>())
                    .add(r));
            List<PremisesView> premises = new ArrayList<>();
            for (List<Row> p : byPremises.values()) {
                List<DeviceView> devices = p.stream()
                        .filter(r -> r.eui64() != null)
                        .map(r -> new DeviceView(r.eui64(), r.deviceType(), r.wanState(), r.fuel(), r.mpxn()))
                        .toList();
                premises.add(new PremisesView(
                        p.get(0).premisesId(), p.get(0).address(), p.get(0).postcode(), devices));
            }
            Row first = account.get(0);
            out.add(new CustomerView(first.id(), first.accountNumber(), first.name(), premises));
        }
        return out;
    }
}
