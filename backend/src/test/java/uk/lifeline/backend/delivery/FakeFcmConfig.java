package uk.lifeline.backend.delivery;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Import into a backend test to push through {@link FakeFcm} (the real firebase-admin client, captured). */
@TestConfiguration
public class FakeFcmConfig {

    @Bean
    FakeFcm fakeFcm() {
        return new FakeFcm();
    }

    @Bean
    @Primary
    PushGateway fakeFcmGateway(FakeFcm fcm) {
        return fcm.gateway();
    }
}
