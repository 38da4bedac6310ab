package uk.lifeline.backend.delivery;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Import into a backend test to push through {@link FakeFcm} (the real firebase-admin client, captured); the
 * gateway also records the size of each batch the dispatcher hands it.
 */
@TestConfiguration
public class FakeFcmConfig {

    /** The FCM gateway, recording batch sizes. */
    public static final class Recording implements PushGateway {
        private final FcmGateway fcm;
        public final List<Integer> batches = new CopyOnWriteArrayList<>();

        Recording(FcmGateway fcm) {
            this.fcm = fcm;
        }

        @Override
        public boolean configured() {
            return true;
        }

        @Override
        public String description() {
            return fcm.description();
        }

        @Override
        public List<PushOutcome> send(List<Push> batch) {
            batches.add(batch.size());
            return fcm.send(batch);
        }
    }

    @Bean
    FakeFcm fakeFcm() {
        return new FakeFcm();
    }

    @Bean
    @Primary
    Recording fakeFcmGateway(FakeFcm fcm) {
        return new Recording(fcm.gateway());
    }
}
