package uk.lifeline.backend.delivery;

import java.time.Duration;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;

/**
 * A feature's background work on a {@link BackgroundLoop}, started with the application when enabled and stopped
 * with it: what a sweep or a runner extends. Thread-safe.
 */
public abstract class LoopLifecycle implements SmartLifecycle {

    private final BackgroundLoop loop;
    private final boolean enabled;

    /** A loop of {@code threads} named {@code name}, polling every {@code poll} while {@link #work} finds none. */
    protected LoopLifecycle(String name, int threads, Duration poll, boolean enabled) {
        this.loop = new BackgroundLoop(name, threads, poll, this::work);
        this.enabled = enabled;
    }

    /** One unit of work, completing with how much it did (0: nothing to do); only called once started. */
    protected abstract Mono<Integer> work();

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

    /** Starts work now rather than at the next poll (a new campaign, say). */
    public void wake() {
        loop.wake();
    }

    /** Starts one thread's work now: for what one step can take (a page of new messages, say). */
    public void wakeOne() {
        loop.wakeOne();
    }
}
