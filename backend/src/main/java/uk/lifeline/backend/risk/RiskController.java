package uk.lifeline.backend.risk;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.csv.CsvText;
import uk.lifeline.backend.ledger.CodeView;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.IdempotencyKeys;
import uk.lifeline.backend.problem.ProblemType;
import uk.lifeline.calendar.MeterTime;

/** The at-risk list, the actions on it, customers' "no supply", the monthly figures and the winter proposals. */
@RestController
class RiskController {

    static final int MAX_DAYS = 14;
    static final int MAX_LIMIT = 1000;

    record SupportCreditRequest(String amount, String reason) {}

    record ContactRequest(String action, String outcome, String note) {}

    record NoSupplyRequest(String meterId, String note) {}

    record ReadingRequest(String meterId, String balance) {}

    record CallBackRequest(String meterId, String note) {}

    record MyRunOut(List<CustomerCredit.MeterRunOut> items) {}

    record Proposed(long proposed) {}

    private final AtRiskList list;
    private final RiskActions actions;
    private final RiskFigures figures;
    private final ProtectionProposals proposals;
    private final CustomerCredit credit;
    private final Clock clock;

    RiskController(
            AtRiskList list,
            RiskActions actions,
            RiskFigures figures,
            ProtectionProposals proposals,
            CustomerCredit credit,
            Clock clock) {
        this.list = list;
        this.credit = credit;
        this.actions = actions;
        this.figures = figures;
        this.proposals = proposals;
        this.clock = clock;
    }

    @GetMapping("/api/v1/at-risk")
    Mono<AtRiskList.Result> atRisk(
            @AuthenticationPrincipal Jwt jwt,
            @RequestParam(defaultValue = "3") int days,
            @RequestParam(defaultValue = "200") int limit) {
        if (days < 1 || days > MAX_DAYS) {
            return Mono.error(ApiException.field(ProblemType.VALIDATION, "days", "out of range", "1 to " + MAX_DAYS));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return Mono.error(ApiException.field(ProblemType.VALIDATION, "limit", "out of range", "1 to " + MAX_LIMIT));
        }
        return list.compute(Caller.of(jwt).supplierId(), clock.instant(), days, limit);
    }

    @PostMapping("/api/v1/at-risk/{meterId}/support-credit")
    Mono<ResponseEntity<CodeView>> supportCredit(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String meterId,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key,
            @RequestBody SupportCreditRequest body) {
        return Mono.defer(() -> actions.supportCredit(Caller.of(jwt), meterId, key, body.amount(), body.reason()))
                .map(o -> ResponseEntity.status(o.status())
                        .location(URI.create("/api/v1/codes/" + o.code().id()))
                        .body(o.code()));
    }

    @PostMapping("/api/v1/at-risk/{meterId}/contacts")
    Mono<ResponseEntity<Void>> contact(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String meterId, @RequestBody ContactRequest body) {
        return Mono.defer(() -> actions.contact(Caller.of(jwt), meterId, body.action(), body.outcome(), body.note()))
                .then(Mono.just(ResponseEntity.status(HttpStatus.CREATED).<Void>build()));
    }

    @PostMapping("/api/v1/me/no-supply")
    Mono<ResponseEntity<Void>> noSupply(@AuthenticationPrincipal Jwt jwt, @RequestBody NoSupplyRequest body) {
        return Mono.defer(() -> actions.noSupply(Caller.of(jwt), body.meterId(), body.note()))
                .then(Mono.just(ResponseEntity.status(HttpStatus.CREATED).<Void>build()));
    }

    @GetMapping("/api/v1/me/run-out")
    Mono<MyRunOut> myRunOut(@AuthenticationPrincipal Jwt jwt) {
        return Mono.defer(() -> credit.runOut(Caller.of(jwt))).map(MyRunOut::new);
    }

    @PostMapping("/api/v1/me/meter-readings")
    Mono<ResponseEntity<CustomerCredit.MeterRunOut>> reading(
            @AuthenticationPrincipal Jwt jwt, @RequestBody ReadingRequest body) {
        if (body.meterId() == null || body.meterId().isBlank()) {
            return Mono.error(ApiException.field(
                    ProblemType.VALIDATION,
                    "meterId",
                    "which meter's display",
                    "the meter's EUI-64, as GET /api/v1/me/run-out lists it"));
        }
        return Mono.defer(() -> credit.report(Caller.of(jwt), body.meterId(), body.balance()))
                .map(r -> ResponseEntity.status(HttpStatus.CREATED).body(r));
    }

    @PostMapping("/api/v1/me/call-back")
    Mono<ResponseEntity<Void>> callBack(@AuthenticationPrincipal Jwt jwt, @RequestBody CallBackRequest body) {
        return Mono.defer(() -> credit.callBack(Caller.of(jwt), body.meterId(), body.note()))
                .then(Mono.just(ResponseEntity.status(HttpStatus.CREATED).<Void>build()));
    }

    @GetMapping("/api/v1/reports/at-risk")
    Mono<RiskFigures.Month> month(@AuthenticationPrincipal Jwt jwt, @RequestParam(required = false) String month) {
        return Mono.defer(() -> figures.of(Caller.of(jwt).supplierId(), month(month)));
    }

    @GetMapping(path = "/api/v1/reports/at-risk.csv", produces = "text/csv")
    Mono<ResponseEntity<String>> monthCsv(
            @AuthenticationPrincipal Jwt jwt, @RequestParam(required = false) String month) {
        return Mono.defer(() -> figures.of(Caller.of(jwt).supplierId(), month(month)))
                .map(m -> ResponseEntity.ok()
                        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                        .header(
                                HttpHeaders.CONTENT_DISPOSITION,
                                "attachment; filename=\"at-risk-" + m.month() + ".csv\"")
                        .body(CsvText.line(RiskFigures.CSV_HEADER) + CsvText.line(m.csv())));
    }

    @PostMapping("/api/v1/protection-proposals")
    Mono<ResponseEntity<Proposed>> propose(@AuthenticationPrincipal Jwt jwt) {
        return proposals.propose(Caller.of(jwt)).map(n -> ResponseEntity.status(HttpStatus.CREATED)
                .body(new Proposed(n)));
    }

    @GetMapping("/api/v1/protection-proposals")
    Mono<List<ProtectionProposals.View>> proposals(
            @AuthenticationPrincipal Jwt jwt, @RequestParam(defaultValue = "PROPOSED") String status) {
        if (!List.of("PROPOSED", "APPROVED", "REJECTED").contains(status)) {
            return Mono.error(ApiException.field(
                    ProblemType.VALIDATION, "status", "unknown status", "PROPOSED, APPROVED, REJECTED"));
        }
        return proposals.list(Caller.of(jwt), status);
    }

    @PostMapping("/api/v1/protection-proposals/{id}/approve")
    Mono<ResponseEntity<CodeView>> approve(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String id,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key) {
        return Mono.defer(() -> proposals.approve(Caller.of(jwt), id, key)).map(o -> ResponseEntity.status(o.status())
                .location(URI.create("/api/v1/codes/" + o.code().id()))
                .body(o.code()));
    }

    @PostMapping("/api/v1/protection-proposals/{id}/reject")
    Mono<ResponseEntity<Void>> reject(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return Mono.defer(() -> proposals.reject(Caller.of(jwt), id))
                .then(Mono.just(ResponseEntity.noContent().<Void>build()));
    }

    private YearMonth month(String text) {
        if (text == null || text.isBlank()) {
            return YearMonth.from(LocalDate.ofInstant(clock.instant(), MeterTime.ZONE));
        }
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.field(ProblemType.VALIDATION, "month", "not a month", "YYYY-MM, e.g. 2026-12");
        }
    }
}
