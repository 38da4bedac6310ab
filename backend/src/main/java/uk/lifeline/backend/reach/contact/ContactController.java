package uk.lifeline.backend.reach.contact;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
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
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.reach.Channel;

/** A customer's contact points and needs: staff read them, agents and supervisors change them (audited). */
@RestController
class ContactController {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NomineeView(String name, String phone) {}

    record ContactView(
            UUID customerId,
            String mobile,
            String landline,
            String language,
            List<String> channels,
            List<String> needs,
            NomineeView nominee,
            Instant smsStoppedAt,
            int version,
            Instant updatedAt,
            UUID updatedBy) {
        static ContactView of(ContactPoints c) {
            return new ContactView(
                    c.customerId(),
                    c.mobile() == null ? null : c.mobile().e164(),
                    c.landline() == null ? null : c.landline().e164(),
                    c.language().tag(),
                    c.channels().stream().map(Channel::code).toList(),
                    c.needs().stream().map(Need::code).toList(),
                    c.nominee() == null
                            ? null
                            : new NomineeView(
                                    c.nominee().name(), c.nominee().phone().e164()),
                    c.smsStoppedAt(),
                    c.version(),
                    c.updatedAt(),
                    c.updatedBy());
        }
    }

    private final ContactService contacts;

    ContactController(ContactService contacts) {
        this.contacts = contacts;
    }

    @GetMapping("/api/v1/customers/{customerId}/contact")
    Mono<ContactView> get(@AuthenticationPrincipal Jwt jwt, @PathVariable String customerId) {
        Caller caller = Caller.of(jwt);
        return Mono.defer(() -> contacts.find(caller.supplierId(), ApiException.uuidOrNotFound("customer", customerId)))
                .map(ContactView::of);
    }

    @PutMapping("/api/v1/customers/{customerId}/contact")
    Mono<ContactView> put(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String customerId, @RequestBody ContactUpdate update) {
        Caller caller = Caller.of(jwt);
        return Mono.defer(() -> contacts.update(
                        caller.supplierId(),
                        ApiException.uuidOrNotFound("customer", customerId),
                        caller.userId(),
                        update.check()))
                .map(ContactView::of);
    }
}
