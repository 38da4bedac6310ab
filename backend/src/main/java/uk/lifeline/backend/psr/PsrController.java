package uk.lifeline.backend.psr;

import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.auth.Caller;

/** A customer's PSR entry on the customer card; the needs list for the form. */
@RestController
class PsrController {

    record NeedView(String code, String label, boolean medicallyDependent) {}

    record EntryView(
            UUID customerId,
            List<NeedView> needs,
            boolean consent,
            Instant consentAt,
            LocalDate reviewDate,
            String nominee,
            String note,
            boolean medicallyDependent,
            Instant updatedAt,
            long version) {
        static EntryView of(PsrEntry e) {
            return new EntryView(
                    e.customerId(),
                    views(e.needs()),
                    e.consent(),
                    e.consentAt(),
                    e.reviewDate(),
                    e.nominee(),
                    e.note(),
                    e.medicallyDependent(),
                    e.updatedAt(),
                    e.version());
        }
    }

    private final PsrService psr;
    private final Clock clock;

    PsrController(PsrService psr, Clock clock) {
        this.psr = psr;
        this.clock = clock;
    }

    @GetMapping("/api/v1/psr/needs")
    List<NeedView> needs() {
        return views(List.of(PsrNeed.values()));
    }

    @GetMapping("/api/v1/customers/{customerId}/psr")
    Mono<EntryView> get(@AuthenticationPrincipal Jwt jwt, @PathVariable String customerId) {
        return psr.find(Caller.of(jwt), customerId).map(EntryView::of);
    }

    @PutMapping("/api/v1/customers/{customerId}/psr")
    Mono<EntryView> put(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String customerId, @Valid @RequestBody PsrRequest request) {
        return Mono.defer(() -> psr.record(Caller.of(jwt), customerId, request, clock.instant()))
                .map(EntryView::of);
    }

    static List<NeedView> views(List<PsrNeed> needs) {
        List<NeedView> out = new ArrayList<>();
        for (PsrNeed n : needs) {
            out.add(new NeedView(n.code(), n.label(), n.medicallyDependent()));
        }
        return out;
    }
}
