package uk.lifeline.backend.campaign;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The DCC adapter: the logging stand-in unless a real one is defined as a bean. */
@Configuration
class CampaignConfig {

    @Bean
    @ConditionalOnMissingBean
    DccAdapter dccAdapter() {
        return new LoggingDccAdapter();
    }
}
