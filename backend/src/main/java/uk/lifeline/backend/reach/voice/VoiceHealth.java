package uk.lifeline.backend.reach.voice;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.ReactiveHealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** {@code voice} in health: on, demo or off, and what waits. Always UP: the app and texts still work. */
@Component("voice")
class VoiceHealth implements ReactiveHealthIndicator {

    private final VoiceSetup setup;
    private final VoiceCalls calls;

    VoiceHealth(VoiceSetup setup, VoiceCalls calls) {
        this.setup = setup;
        this.calls = calls;
    }

    @Override
    public Mono<Health> health() {
        return calls.counts().map(n -> Health.status(new Status(Status.UP.getCode(), setup.description()))
                .withDetail("mode", setup.mode().name())
                .withDetail("pending", n[0])
                .withDetail("inDoubt", n[1])
                .build());
    }
}
