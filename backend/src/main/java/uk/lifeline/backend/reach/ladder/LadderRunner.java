package uk.lifeline.backend.reach.ladder;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.delivery.LoopLifecycle;

/** Runs the ladder on each instance (off with {@code lifeline.reach.ladder.enabled=false}). */
@Component
@EnableConfigurationProperties(LadderProperties.class)
class LadderRunner extends LoopLifecycle {

    private final Ladder ladder;

    LadderRunner(Ladder ladder, LadderProperties config) {
        super("reach-ladder", 1, config.pollInterval(), config.enabled());
        this.ladder = ladder;
    }

    @Override
    protected Mono<Integer> work() {
        return ladder.step();
    }
}
