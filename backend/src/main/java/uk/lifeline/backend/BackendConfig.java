package uk.lifeline.backend;

import java.time.Clock;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Beans every feature shares: the clock (replaced in tests that move time). */
@Configuration
@ConfigurationPropertiesScan
@EnableScheduling
public class BackendConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
