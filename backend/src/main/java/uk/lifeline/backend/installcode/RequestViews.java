package uk.lifeline.backend.installcode;

import java.time.LocalDate;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.tenant.SupplierRef;
import uk.lifeline.backend.tenant.Suppliers;

/** Shows a stored request to one of its two suppliers. Thread-safe. */
@Component
class RequestViews {

    private final Suppliers suppliers;
    private final DueDates due;

    RequestViews(Suppliers suppliers, DueDates due) {
        this.suppliers = suppliers;
        this.due = due;
    }

    Mono<RequestView> of(UUID viewer, RequestRow r) {
        LocalDate today = due.today();
        boolean raised = r.requesterId().equals(viewer);
        return Mono.zip(suppliers.byId(r.requesterId()), suppliers.byId(r.responderId()))
                .map(s -> new RequestView(
                        r.id(),
                        r.eui64(),
                        r.deviceType(),
                        r.mpxn(),
                        r.postcode(),
                        raised ? "RAISED" : "OWED",
                        SupplierRef.of(s.getT1()),
                        SupplierRef.of(s.getT2()),
                        r.routedTo(),
                        r.status().name(),
                        r.requestedAt(),
                        r.dueOn(),
                        r.status() == RequestStatus.OPEN ? due.workingDaysLeft(r.dueOn(), today) : null,
                        r.overdue(today),
                        r.note(),
                        r.batchId(),
                        r.answeredAt(),
                        r.answeredOn() == null ? null : !r.answeredOn().isAfter(r.dueOn()),
                        r.answerNote(),
                        r.escalatedAt(),
                        r.escalationNote(),
                        r.closedAt(),
                        r.closedReason(),
                        raised && r.status() == RequestStatus.RELEASED));
    }
}
