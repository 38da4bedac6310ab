package uk.lifeline.backend.reach.ladder;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import uk.lifeline.backend.delivery.BackgroundLoop;

/** Runs the ladder on each instance (off with {@code lifeline.reach.ladder.enabled=false}). */
@Component
@EnableConfigurationProperties(LadderProperties.class)
class LadderRunner implements SmartLifecycle {

    private final BackgroundLoop loop;
    private final boolean enabled;

    LadderRunner(Ladder ladder, LadderProperties config) {
        this.loop = new BackgroundLoop("reach-ladder", 1, config.pollInterval(), ladder::step);
        this.enabled = config.enabled();
    }

    @Override
    public void start() {
        if (enabled) {
            loop.start();
        }
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
