package uk.lifeline.backend.delivery;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import uk.lifeline.backend.auth.Caller;

/**
 * The customer's live stream of codes, notices and status changes, as server-sent events (docs/backend-api.md
 * "Delivery to phones"): event name {@code code}, {@code notice}, {@code status} or {@code sync}; data the same
 * JSON members as an FCM data message; id the outbox message's id, for {@code Last-Event-ID}.
 */
@RestController
class StreamController {

    private final StreamHub hub;

    StreamController(StreamHub hub) {
        this.hub = hub;
    }

    @GetMapping(path = "/api/v1/me/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<String>> stream(
            @AuthenticationPrincipal Jwt jwt,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        Caller caller = Caller.of(jwt);
        Long after = null;
        if (lastEventId != null && lastEventId.matches("[0-9]{1,18}")) {
            after = Long.parseLong(lastEventId);
        }
        // The token's subject is the app's session (its installation) for an activated app.
        return hub.subscribe(caller.supplierId(), caller.customerAccountId(), caller.userId(), after);
    }
}
