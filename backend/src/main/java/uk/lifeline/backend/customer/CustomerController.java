package uk.lifeline.backend.customer;

import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.auth.Caller;

/** Customer search for agents and supervisors, within their own supplier. */
@RestController
class CustomerController {

    record SearchResult(List<CustomerView> items, int limit) {}

    private final CustomerSearch search;

    CustomerController(CustomerSearch search) {
        this.search = search;
    }

    @GetMapping("/api/v1/customers")
    Mono<SearchResult> search(@AuthenticationPrincipal Jwt jwt, @RequestParam(name = "q", required = false) String q) {
        return Mono.defer(() -> search.search(Caller.of(jwt).supplierId(), q))
                .map(items -> new SearchResult(items, CustomerSearch.LIMIT));
    }
}
