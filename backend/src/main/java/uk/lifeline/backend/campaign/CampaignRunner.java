package uk.lifeline.backend.campaign;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import uk.lifeline.backend.delivery.BackgroundLoop;
import uk.lifeline.backend.delivery.Dispatcher;

/**
 * Runs campaigns in the background on this instance: {@code workers} threads, each working one page at a time
 * (so memory stays bounded by page size times workers, however many meters a campaign has), waking the push
 * dispatcher after each page. Every instance may run one; they share campaigns through the database. Starting
 * again after a stop or a crash simply carries on with the meters still PENDING. Thread-safe.
 */
@Component
public class CampaignRunner implements SmartLifecycle {

    private final CampaignProperties properties;
    private final BackgroundLoop loop;

    CampaignRunner(CampaignPages pages, CampaignProperties properties, Dispatcher dispatcher) {
        this.properties = properties;
        this.loop = new BackgroundLoop(
                "campaign-worker", properties.workers(), properties.pollInterval(), () -> pages.step()
                        .doOnNext(n -> {
                            if (n > 0) {
                                dispatcher.wake();
                            }
                        }));
    }

    @Override
    public void start() {
        if (properties.enabled()) {
            loop.start();
        }
    }

    /** Stops the workers; a page in flight is rolled back and done again later. */
    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    /** Starts work on a new campaign now rather than at the next poll. */
    public void wake() {
        loop.wake();
    }
}
