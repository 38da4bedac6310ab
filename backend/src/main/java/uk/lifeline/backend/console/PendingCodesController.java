package uk.lifeline.backend.console;

import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.auth.Caller;

/**
 * The supervisors' approvals queue: the supplier's codes waiting for approval. Approving and refusing stay with
 * {@code POST /api/v1/codes/{id}/approve} and {@code /refuse}, which enforce four-eyes.
 */
@RestController
class PendingCodesController {

    record PendingList(List<PendingCode> items, int limit) {}

    private final PendingCodes pending;

    PendingCodesController(PendingCodes pending) {
        this.pending = pending;
    }

    @GetMapping("/api/v1/console/pending-codes")
    Mono<PendingList> pending(@AuthenticationPrincipal Jwt jwt) {
        return Mono.defer(() -> pending.forSupplier(Caller.of(jwt).supplierId()).collectList())
                .map(items -> new PendingList(items, PendingCodes.LIMIT));
    }
}
