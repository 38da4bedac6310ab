package uk.lifeline.backend.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Runs one step of background work again and again on a few threads of its own: at once while steps find work,
 * otherwise after the poll interval or when {@link #wake} is called. A failed step is logged and retried after
 * the interval. {@link #stop} interrupts the threads: a step in flight is cancelled, which rolls its transaction
 * back, as a crash would. Thread-safe.
 */
public final class BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);

    private final String name;
    private final int threads;
    private final Duration poll;
    private final Supplier<Mono<Integer>> step;
    private final Object signal = new Object();
    private final List<Thread> running = new ArrayList<>();
    private volatile boolean stopped = true;
    private boolean woken;

    /** @param step one unit of work, completing with how much it did (0: nothing to do) */
    public BackgroundLoop(String name, int threads, Duration poll, Supplier<Mono<Integer>> step) {
        this.name = name;
        this.threads = threads;
        this.poll = poll;
        this.step = step;
    }

    public synchronized void start() {
        if (!stopped) {
            return;
        }
        stopped = false;
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(this::run, name + "-" + (i + 1));
            thread.setDaemon(true);
            running.add(thread);
            thread.start();
        }
    }

    /** Stops every thread and waits for them (a step in flight is cancelled). */
    public synchronized void stop() {
        stopped = true;
        running.forEach(Thread::interrupt);
        for (Thread thread : running) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        running.clear();
    }

    public boolean isRunning() {
        return !stopped;
    }

    /** Asks the threads to look for work now rather than at the next poll. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /**
     * Asks one resting thread to look for work now: for work that one step can take, so the others do not all
     * race for it and find nothing. With none resting, the next to finish a step looks again at once.
     */
    public void wakeOne() {
        synchronized (signal) {
            woken = true;
            signal.notify();
        }
    }

    private void run() {
        while (!stopped) {
            int done;
            try {
                Integer n = step.get().block();
                done = n == null ? 0 : n;
            } catch (RuntimeException e) {
                if (stopped || Thread.currentThread().isInterrupted()) {
                    return;
                }
                log.warn("{}: a step failed; trying again in {}", name, poll, e);
                done = 0;
            }
            if (done == 0 && !pause()) {
                return;
            }
        }
    }

    private boolean pause() {
        synchronized (signal) {
            try {
                if (!woken) {
                    signal.wait(Math.max(1, poll.toMillis()));
                }
                woken = false;
                return !stopped;
            } catch (InterruptedException e) {
                return false;
            }
        }
    }
}
