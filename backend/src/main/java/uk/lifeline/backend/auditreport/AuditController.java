package uk.lifeline.backend.auditreport;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.audit.AuditVerifier;
import uk.lifeline.backend.audit.ChainReport;
import uk.lifeline.backend.auth.Caller;

/**
 * The audit chain verifier over HTTP, for the caller's own supplier. Apart from {@code audit} because every
 * feature (sign-in included) appends to the log, while this endpoint needs to know the caller.
 */
@RestController
class AuditController {

    private final AuditVerifier verifier;

    AuditController(AuditVerifier verifier) {
        this.verifier = verifier;
    }

    @GetMapping("/api/v1/audit/verify")
    Mono<ChainReport> verify(@AuthenticationPrincipal Jwt jwt) {
        return verifier.verify(Caller.of(jwt).supplierId());
    }
}
