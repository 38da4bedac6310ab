package uk.lifeline.backend.followup;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.csv.CsvText;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;

/** The DP255 follow-up report (JSON and CSV) and the call centre's offers of the no-WAN code service. */
@RestController
class FollowUpController {

    static final List<String> CSV_HEADER = List.of(
            "device_id",
            "device_type",
            "category",
            "wan_state",
            "commissioning",
            "reason",
            "installed_on",
            "age_days",
            "age_band",
            "region",
            "postcode",
            "mpxn",
            "account_number",
            "customer_name",
            "payment_mode",
            "code_service");

    record Items(List<NoWanOffers.Offer> items) {}

    record Outcome(
            @NotNull @Pattern(regexp = "ACCEPTED|DECLINED") String outcome,
            @Size(max = 500) String note) {}

    private final Dp255Report report;
    private final OfferOutcomes outcomes;
    private final NoWanOffers offers;

    FollowUpController(Dp255Report report, OfferOutcomes outcomes, NoWanOffers offers) {
        this.report = report;
        this.outcomes = outcomes;
        this.offers = offers;
    }

    @GetMapping("/api/v1/reports/dp255")
    Mono<Dp255Report.Report> dp255(@AuthenticationPrincipal Jwt jwt) {
        return report.run(Caller.of(jwt).supplierId());
    }

    @GetMapping(path = "/api/v1/reports/dp255.csv", produces = "text/csv")
    Mono<ResponseEntity<String>> dp255Csv(@AuthenticationPrincipal Jwt jwt) {
        return report.run(Caller.of(jwt).supplierId()).map(r -> {
            StringBuilder csv = new StringBuilder(CsvText.line(CSV_HEADER));
            for (Dp255Report.Item i : r.items()) {
                List<String> fields =
                        new ArrayList<>(List.of(i.deviceId(), i.deviceType(), i.category(), i.wanState()));
                fields.add(i.commissioning());
                fields.add(i.reason());
                fields.add(i.installedOn() == null ? null : i.installedOn().toString());
                fields.add(i.ageDays() == null ? null : i.ageDays().toString());
                fields.addAll(List.of(i.ageBand().name(), i.region(), i.postcode()));
                fields.addAll(java.util.Arrays.asList(
                        i.mpxn(), i.accountNumber(), i.customerName(), i.paymentMode(), i.codeService()));
                csv.append(CsvText.line(fields));
            }
            return ResponseEntity.ok()
                    .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"dp255-" + r.asOf() + ".csv\"")
                    .body(csv.toString());
        });
    }

    @GetMapping("/api/v1/no-wan-offers")
    Mono<Items> offers(@AuthenticationPrincipal Jwt jwt, @RequestParam(defaultValue = "OFFERED") String status) {
        if (!List.of("OFFERED", "ACCEPTED", "DECLINED").contains(status)) {
            return Mono.error(ApiException.field(
                    ProblemType.VALIDATION, "status", "unknown status", "OFFERED, ACCEPTED, DECLINED"));
        }
        return offers.list(Caller.of(jwt).supplierId(), status).map(Items::new);
    }

    @PostMapping("/api/v1/no-wan-offers/{offerId}/outcome")
    Mono<NoWanOffers.Offer> outcome(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String offerId, @Valid @RequestBody Outcome outcome) {
        return Mono.defer(() -> outcomes.decide(Caller.of(jwt), id(offerId), outcome.outcome(), outcome.note()));
    }

    private static UUID id(String text) {
        return ApiException.uuidOrNotFound("offer", text);
    }
}
