package uk.lifeline.backend.psr;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.audit.AuditLog;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;

/**
 * Reads and records customers' PSR entries for agents: checked, written and audited in one transaction, always
 * within the caller's supplier (another supplier's customer is not found). Thread-safe.
 */
@Service
public class PsrService {

    /** A review further off than this is a typing mistake, not a plan. */
    static final int MAX_REVIEW_YEARS = 3;

    private final PsrEntries entries;
    private final DatabaseClient db;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    PsrService(PsrEntries entries, DatabaseClient db, AuditLog audit, TransactionalOperator tx) {
        this.entries = entries;
        this.db = db;
        this.audit = audit;
        this.tx = tx;
    }

    public Mono<PsrEntry> find(Caller caller, String customerId) {
        UUID customer = ApiException.uuidOrNotFound("customer", customerId);
        return customerExists(caller.supplierId(), customer)
                .then(entries.find(caller.supplierId(), customer))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("PSR entry for customer", customer)));
    }

    public Mono<PsrEntry> record(Caller caller, String customerId, PsrRequest request, Instant now) {
        UUID customer = ApiException.uuidOrNotFound("customer", customerId);
        List<PsrNeed> needs = new ArrayList<>();
        for (String code : request.needs()) {
            PsrNeed need = code == null ? null : PsrNeed.fromCode(code.trim());
            if (need == null) {
                throw ApiException.field(
                        ProblemType.VALIDATION, "needs", "unknown need '" + shorten(code) + "'", allowed());
            }
            if (needs.contains(need)) {
                throw ApiException.field(ProblemType.VALIDATION, "needs", "'" + code + "' is given twice", allowed());
            }
            needs.add(need);
        }
        LocalDate today = LocalDate.ofInstant(now, java.time.ZoneId.of("Europe/London"));
        if (!request.reviewDate().isAfter(today) || request.reviewDate().isAfter(today.plusYears(MAX_REVIEW_YEARS))) {
            throw ApiException.field(
                    ProblemType.VALIDATION,
                    "reviewDate",
                    "must be after today and within " + MAX_REVIEW_YEARS + " years",
                    today.plusDays(1) + " to " + today.plusYears(MAX_REVIEW_YEARS));
        }
        String nominee = clean("nominee", request.nominee());
        String note = clean("note", request.note());
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        return tx.transactional(customerExists(caller.supplierId(), customer)
                .then(entries.find(caller.supplierId(), customer).map(List::of).defaultIfEmpty(List.of()))
                .flatMap(before -> {
                    PsrEntry previous = before.isEmpty() ? null : before.get(0);
                    Instant consentAt = !request.consent()
                            ? null
                            : previous != null && previous.consent() ? previous.consentAt() : at;
                    PsrEntry next = new PsrEntry(
                            customer,
                            List.copyOf(needs),
                            request.consent(),
                            consentAt,
                            request.reviewDate(),
                            nominee,
                            note,
                            caller.userId(),
                            at,
                            previous == null ? 1 : previous.version() + 1);
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("customer", customer.toString());
                    details.put("before", previous == null ? null : entries.codes(previous.needs()));
                    details.put("after", entries.codes(needs));
                    details.put("consent", request.consent());
                    details.put("reviewDate", request.reviewDate().toString());
                    details.put("nominee", nominee != null);
                    return entries.save(caller.supplierId(), next)
                            .then(audit.append(
                                    caller.supplierId(),
                                    at,
                                    caller.userId(),
                                    "psr.recorded",
                                    "customer:" + customer,
                                    details))
                            .thenReturn(next);
                }));
    }

    private Mono<Void> customerExists(UUID supplier, UUID customer) {
        return db.sql("SELECT 1 FROM customer_account WHERE supplier_id = :s AND id = :c")
                .bind("s", supplier)
                .bind("c", customer)
                .map(r -> 1)
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("customer", customer)))
                .then();
    }

    /** Trimmed, null when blank; control characters refused (they would break the console and CSV lines). */
    public static String clean(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw ApiException.field(
                        ProblemType.VALIDATION, field, "control characters are not allowed", "printable text");
            }
        }
        return text.trim();
    }

    private static String allowed() {
        List<String> codes = new ArrayList<>();
        for (PsrNeed n : PsrNeed.values()) {
            codes.add(n.code());
        }
        return String.join(", ", codes);
    }

    private static String shorten(String s) {
        return s == null ? "null" : s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
