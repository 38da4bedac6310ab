package uk.lifeline.backend.edge;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/**
 * Spring Security's firewall with its defaults for paths, methods and host names, and {@link HeaderRules} for
 * header names and values: the same rules the edge filter applied to every header already, without a regular
 * expression run over each header every time one is read.
 */
@Configuration
class FirewallConfig {

    @Bean
    ServerWebExchangeFirewall firewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(HeaderRules::name);
        firewall.setAllowedHeaderValues(HeaderRules::value);
        return firewall;
    }
}
