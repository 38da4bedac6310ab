package uk.lifeline.backend.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One start of periodic work per key per rest, however many threads ask at once. */
class RestGateTest {

    private static final Duration REST = Duration.ofMinutes(1);
    private static final Instant T0 = Instant.parse("2026-12-04T23:00:00Z");

    @Test
    void workMayStartAgainOnlyOnceTheRestSinceTheLastStartHasPassed() {
        RestGate<UUID> gate = new RestGate<>();
        UUID supplier = UUID.randomUUID();

        assertThat(gate.tryStart(supplier, T0, REST)).isTrue();
        assertThat(gate.tryStart(supplier, T0, REST)).isFalse();
        assertThat(gate.tryStart(supplier, T0.plus(REST).minusMillis(1), REST)).isFalse();
        assertThat(gate.tryStart(supplier, T0.plus(REST), REST)).isTrue();
        assertThat(gate.tryStart(supplier, T0.plus(REST).plusSeconds(1), REST)).isFalse();
    }

    @Test
    void eachKeyRestsOnItsOwn() {
        RestGate<UUID> gate = new RestGate<>();

        assertThat(gate.tryStart(UUID.randomUUID(), T0, REST)).isTrue();
        assertThat(gate.tryStart(UUID.randomUUID(), T0, REST)).isTrue();
    }

    @Test
    void ofThreadsAskingAtOnceExactlyOneStarts() throws Exception {
        RestGate<UUID> gate = new RestGate<>();
        UUID supplier = UUID.randomUUID();
        int workers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Callable<Boolean>> asks = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                asks.add(() -> gate.tryStart(supplier, T0, REST));
            }
            int started = 0;
            for (Future<Boolean> f : pool.invokeAll(asks)) {
                started += f.get() ? 1 : 0;
            }
            assertThat(started).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
