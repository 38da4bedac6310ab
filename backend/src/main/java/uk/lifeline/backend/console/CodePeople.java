package uk.lifeline.backend.console;

import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.auth.Caller;

/**
 * What a meter's code history needs beyond the codes themselves (issue 16): the names of the staff who issued and
 * approved (or cancelled, or refused) its newest codes, and the campaign each campaign code came from, so the history says who, why and
 * which storm. Only the caller's supplier's rows.
 */
@RestController
class CodePeople {

    /** A campaign a code came from. Immutable. */
    record CampaignRef(UUID id, String title, String kind) {}

    /** Names by user id; campaigns by code id; who cancelled or refused, by code id. Immutable. */
    record View(Map<UUID, String> people, Map<UUID, CampaignRef> campaigns, Map<UUID, UUID> cancelledBy) {}

    static final int NEWEST = 100;

    private final ConsoleStore store;

    CodePeople(ConsoleStore store) {
        this.store = store;
    }

    @GetMapping("/api/v1/console/meters/{meterId}/code-people")
    Mono<View> people(@AuthenticationPrincipal Jwt jwt, @PathVariable String meterId) {
        return store.codePeople(Caller.of(jwt).supplierId(), meterId, NEWEST);
    }
}
