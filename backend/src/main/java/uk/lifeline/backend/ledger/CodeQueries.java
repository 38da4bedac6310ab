package uk.lifeline.backend.ledger;

import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.meter.Meters;
import uk.lifeline.backend.problem.ApiException;

/** Reads codes: one by id, a meter's history, a customer's own. Scoped to the caller's supplier and account. */
@Service
public class CodeQueries {

    /** One page of a meter's codes, newest first. */
    public record Page(List<CodeView> items, int page, int size, long totalItems) {}

    /** Some of a customer's codes, newest first, and the cursor for the older ones (null at the end). */
    public record CursorPage(List<CodeView> items, String nextCursor) {}

    private final CodeStore ledger;
    private final Meters meters;

    public CodeQueries(CodeStore ledger, Meters meters) {
        this.ledger = ledger;
        this.meters = meters;
    }

    public Mono<CodeView> get(Caller caller, UUID codeId) {
        UUID customer = caller.isCustomer() ? caller.customerAccountId() : null;
        return ledger.find(caller.supplierId(), codeId, customer, false)
                .map(CodeView::of)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("code", codeId)));
    }

    public Mono<Page> forMeter(Caller caller, String meterId, int page, int size) {
        return meters.find(caller.supplierId(), meterId).flatMap(meter -> Mono.zip(
                        ledger.forMeter(caller.supplierId(), meter.id(), size, (long) page * size)
                                .map(CodeView::of)
                                .collectList(),
                        ledger.countForMeter(caller.supplierId(), meter.id()))
                .map(both -> new Page(both.getT1(), page, size, both.getT2())));
    }

    public Mono<CursorPage> mine(Caller caller, String cursor, int limit) {
        MyCodesCursor before = cursor == null || cursor.isBlank() ? null : MyCodesCursor.decode(cursor);
        return ledger.forCustomer(caller.supplierId(), caller.customerAccountId(), before, limit + 1)
                .collectList()
                .map(rows -> {
                    boolean more = rows.size() > limit;
                    List<CodeRecord> shown = more ? rows.subList(0, limit) : rows;
                    CodeRecord last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
                    String next = more ? new MyCodesCursor(last.issuedAt(), last.id()).encode() : null;
                    return new CursorPage(shown.stream().map(CodeView::of).toList(), next);
                });
    }
}
