package uk.lifeline.backend.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Waking a loop's resting threads: all of them, or one for work that one step can take. */
class BackgroundLoopTest {

    /** A loop of three threads that rest for an hour after each step that finds nothing. */
    private static final class Counted {
        final AtomicInteger steps = new AtomicInteger();
        final Semaphore stepped = new Semaphore(0);
        final BackgroundLoop loop = new BackgroundLoop(
                "test-loop",
                3,
                Duration.ofHours(1),
                () -> Mono.fromCallable(() -> {
                    steps.incrementAndGet();
                    stepped.release();
                    return 0;
                }));

        /** Waits for n steps, failing after 10 s. */
        void awaitSteps(int n) throws InterruptedException {
            assertThat(stepped.tryAcquire(n, 10, TimeUnit.SECONDS)).isTrue();
        }

        /** Waits, up to 10 s, until all three threads rest: a wake that came sooner would find one still stepping. */
        void awaitResting() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Thread.getAllStackTraces().keySet().stream()
                            .filter(t -> t.getName().startsWith("test-loop-"))
                            .filter(t -> t.getState() == Thread.State.TIMED_WAITING)
                            .count()
                    < 3) {
                assertThat(System.nanoTime()).as("all three threads resting").isLessThan(deadline);
                Thread.sleep(5);
            }
        }
    }

    @Test
    void wakeOneStartsOneRestingThreadAndWakeStartsThemAll() throws Exception {
        Counted c = new Counted();
        c.loop.start();
        try {
            c.awaitSteps(3); // each thread's first step, after which all three rest
            c.awaitResting();
            c.loop.wakeOne();
            c.awaitSteps(1);
            // Had more than one woken, their steps would have come at once with the first.
            assertThat(c.stepped.tryAcquire(1, 300, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(c.steps.get()).isEqualTo(4);

            c.awaitResting();
            c.loop.wake();
            c.awaitSteps(3);
            assertThat(c.steps.get()).isEqualTo(7);
        } finally {
            c.loop.stop();
        }
    }
}
