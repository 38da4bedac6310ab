package uk.lifeline.backend.edge;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import reactor.core.publisher.Mono;

/**
 * Spring Security's firewall with its defaults for paths, methods and host names, and {@link HeaderRules} for
 * header names and values: the same rules the edge filter applied to every header already, without a regular
 * expression run over each header every time one is read.
 */
@Configuration
class FirewallConfig {

    @Bean
    ServerWebExchangeFirewall firewall() {
        StrictServerWebExchangeFirewall firewall = new OneRequestFirewall();
        firewall.setAllowedHeaderNames(HeaderRules::name);
        firewall.setAllowedHeaderValues(HeaderRules::value);
        return firewall;
    }

    /** The strict firewall, its exchange answering with one request ({@link OneRequest}). */
    static final class OneRequestFirewall extends StrictServerWebExchangeFirewall {

        @Override
        public Mono<ServerWebExchange> getFirewalledExchange(ServerWebExchange exchange) {
            return super.getFirewalledExchange(exchange).map(OneRequest::new);
        }
    }

    /**
     * The firewalled exchange with its request wrapped once: the strict firewall wraps the request anew each time
     * it is asked for, and a request is asked for dozens of times on its way through (3% of the backend's CPU on
     * issuing, docs/performance.md). The wrapper is the same either way; its checks still run on every header
     * and query parameter read.
     */
    static final class OneRequest extends ServerWebExchangeDecorator {

        private final ServerHttpRequest request;

        OneRequest(ServerWebExchange firewalled) {
            super(firewalled);
            this.request = firewalled.getRequest();
        }

        @Override
        public ServerHttpRequest getRequest() {
            return request;
        }
    }
}
