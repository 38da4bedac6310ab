package uk.lifeline.backend.campaign;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.delivery.Dispatcher;
import uk.lifeline.backend.delivery.LoopLifecycle;

/**
 * Runs campaigns in the background on this instance: {@code workers} threads, each working one page at a time
 * (so memory stays bounded by page size times workers, however many meters a campaign has), waking the push
 * dispatcher after each page. Every instance may run one; they share campaigns through the database. Starting
 * again after a stop or a crash simply carries on with the meters still PENDING; a page in flight at a stop is
 * rolled back and done again later. Thread-safe.
 */
@Component
public class CampaignRunner extends LoopLifecycle {

    private final CampaignPages pages;
    private final Dispatcher dispatcher;

    CampaignRunner(CampaignPages pages, CampaignProperties properties, Dispatcher dispatcher) {
        super("campaign-worker", properties.workers(), properties.pollInterval(), properties.enabled());
        this.pages = pages;
        this.dispatcher = dispatcher;
    }

    @Override
    protected Mono<Integer> work() {
        return pages.step().doOnNext(n -> {
            if (n > 0) {
                // One page is one claim when no other is due: a claim that leaves some due wakes another loop.
                dispatcher.wakeOne();
            }
        });
    }
}
