package uk.lifeline.backend.auth;

import static uk.lifeline.backend.auth.Role.ADMIN;
import static uk.lifeline.backend.auth.Role.AGENT;
import static uk.lifeline.backend.auth.Role.CUSTOMER;
import static uk.lifeline.backend.auth.Role.OPS;
import static uk.lifeline.backend.auth.Role.SUPERVISOR;

import java.util.Arrays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * The security chain, in one place: stateless bearer tokens, and for every endpoint the roles that may call it.
 * Anything not listed is denied. Which rows a caller may see (their supplier; a customer's own account) is
 * enforced in the queries; the rules here are about roles only.
 */
@Configuration
public class SecurityConfig {

    @Bean
    SecurityWebFilterChain securityChain(
            ServerHttpSecurity http, ReactiveJwtDecoder decoder, ProblemSecurityHandlers problems) {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(Caller.ROLES_CLAIM);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);

        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                // Stateless: no saved requests, so no web session. The default cache opened a session on every
                // request (a random id made on another thread, then a hop back): 0.27 of the backend's 0.87 ms of
                // CPU per issued code (docs/performance.md).
                .requestCache(c -> c.requestCache(NoOpServerRequestCache.getInstance()))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .oauth2ResourceServer(o -> o.authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .bearerTokenConverter(new BearerTokens())
                        .jwt(jwt -> jwt.jwtDecoder(decoder)
                                .jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(converter))))
                .authorizeExchange(this::rules)
                .build();
    }

    private void rules(AuthorizeExchangeSpec r) {
        r.pathMatchers(HttpMethod.POST, "/api/v1/auth/token")
                .permitAll()
                // A console session (issue 16): started with a staff token; renewed and ended with its cookie.
                .pathMatchers(HttpMethod.POST, "/api/v1/auth/console-session")
                .hasAnyRole(names(AGENT, SUPERVISOR, OPS, ADMIN))
                .pathMatchers(HttpMethod.POST, "/api/v1/auth/console-session/refresh")
                .permitAll()
                .pathMatchers(HttpMethod.DELETE, "/api/v1/auth/console-session")
                .permitAll()
                .pathMatchers(
                        HttpMethod.GET,
                        "/.well-known/jwks.json",
                        "/.well-known/lifeline/keys/*",
                        "/actuator/health",
                        "/actuator/health/**",
                        "/v3/api-docs",
                        "/v3/api-docs/**",
                        "/swagger-ui.html",
                        "/swagger-ui/**",
                        "/webjars/**")
                .permitAll()
                .pathMatchers(HttpMethod.GET, "/api/v1/customers")
                .hasAnyRole(names(AGENT, SUPERVISOR))
                .pathMatchers(HttpMethod.POST, "/api/v1/meters/*/codes", "/api/v1/meters/*/codes/preview")
                .hasAnyRole(names(AGENT, SUPERVISOR))
                .pathMatchers(HttpMethod.GET, "/api/v1/meters/*/codes")
                .hasAnyRole(names(AGENT, SUPERVISOR, OPS, ADMIN))
                .pathMatchers(HttpMethod.GET, "/api/v1/meters/*/model")
                .hasAnyRole(names(AGENT, SUPERVISOR, OPS, ADMIN))
                .pathMatchers(HttpMethod.GET, "/api/v1/commands")
                .hasAnyRole(names(AGENT, SUPERVISOR, OPS, ADMIN))
                .pathMatchers(HttpMethod.PUT, "/api/v1/meters/*/model")
                .hasAnyRole(names(AGENT, SUPERVISOR))
                .pathMatchers(HttpMethod.POST, "/api/v1/codes/*/approve", "/api/v1/codes/*/refuse")
                .hasRole(SUPERVISOR.name())
                .pathMatchers(HttpMethod.POST, "/api/v1/codes/*/cancel")
                .hasAnyRole(names(AGENT, SUPERVISOR))
                .pathMatchers(HttpMethod.POST, "/api/v1/codes/*/result")
                .hasAnyRole(names(CUSTOMER, AGENT, SUPERVISOR))
                .pathMatchers(HttpMethod.GET, "/api/v1/codes/*")
                .hasAnyRole(names(CUSTOMER, AGENT, SUPERVISOR, OPS, ADMIN))
                .pathMatchers(HttpMethod.GET, "/api/v1/me/codes")
                .hasRole(CUSTOMER.name())
                .pathMatchers(HttpMethod.GET, "/api/v1/audit/verify")
                .hasAnyRole(names(SUPERVISOR, OPS, ADMIN))
                // The consoles (issue 7): static pages need no token; the supervisors' approvals queue.
                .pathMatchers(HttpMethod.GET, "/", "/index.html", "/console/**")
                .permitAll()
                .pathMatchers(HttpMethod.GET, "/api/v1/console/pending-codes")
                .hasRole(SUPERVISOR.name())
                .pathMatchers(
                        HttpMethod.GET,
                        "/api/v1/console/meters/*",
                        "/api/v1/console/meters/*/code-people",
                        "/api/v1/console/customers/*/timeline")
                .hasAnyRole(names(AGENT, SUPERVISOR))
                .pathMatchers(HttpMethod.POST, "/api/v1/console/customers/*/notes")
                .hasAnyRole(names(AGENT, SUPERVISOR))
                .pathMatchers(
                        "/api/v1/console/affected",
                        "/api/v1/console/campaigns",
                        "/api/v1/console/campaigns/*",
                        "/api/v1/console/campaigns/*/progress")
                .hasAnyRole(names(OPS, ADMIN))
                // Delivery and campaigns (issue 5).
                .pathMatchers(HttpMethod.POST, "/api/v1/activations")
                .permitAll()
                .pathMatchers(HttpMethod.POST, "/api/v1/customers/*/activation-codes")
                .hasAnyRole(names(AGENT, SUPERVISOR))
                .pathMatchers("/api/v1/me/devices", "/api/v1/me/devices/*", "/api/v1/me/notices", "/api/v1/me/stream")
                .hasRole(CUSTOMER.name())
                .pathMatchers(HttpMethod.GET, "/api/v1/codes/*/deliveries", "/api/v1/notices/*/deliveries")
                .hasAnyRole(names(AGENT, SUPERVISOR, OPS, ADMIN))
                .pathMatchers(HttpMethod.POST, "/api/v1/notices", "/api/v1/price-changes", "/api/v1/campaigns/*/cancel")
                .hasRole(OPS.name())
                .pathMatchers(
                        HttpMethod.GET, "/api/v1/notices/*", "/api/v1/campaigns/*", "/api/v1/campaigns/*/no-phone")
                .hasAnyRole(names(OPS, ADMIN))
                // Install codes, commissioning, change of supplier, DP255 follow-up (issue 8, docs/install-codes.md).
                .pathMatchers(HttpMethod.GET, "/api/v1/devices/*/commissioning")
                .hasAnyRole(names(AGENT, SUPERVISOR, OPS, ADMIN))
                .pathMatchers(HttpMethod.PUT, "/api/v1/devices/*/commissioning")
                .hasAnyRole(names(SUPERVISOR, OPS))
                .pathMatchers(
                        HttpMethod.POST,
                        "/api/v1/devices/*/commissioning/commissioned",
                        "/api/v1/devices/*/install-code/reveal")
                .hasAnyRole(names(SUPERVISOR, OPS))
                .pathMatchers(HttpMethod.POST, "/api/v1/devices/*/supplier-credentials")
                .hasRole(OPS.name())
                .pathMatchers(HttpMethod.POST, "/api/v1/install-code-requests/*/escalate")
                .hasAnyRole(names(SUPERVISOR, OPS))
                .pathMatchers(
                        HttpMethod.POST,
                        "/api/v1/install-code-requests",
                        "/api/v1/install-code-requests/bulk",
                        "/api/v1/install-code-requests/*/answer",
                        "/api/v1/install-code-requests/*/withdraw")
                .hasAnyRole(names(AGENT, SUPERVISOR, OPS))
                .pathMatchers(
                        HttpMethod.GET,
                        "/api/v1/install-code-requests/overdue",
                        "/api/v1/install-code-requests/performance",
                        "/api/v1/change-of-supplier",
                        "/api/v1/change-of-supplier/*",
                        "/api/v1/reports/dp255",
                        "/api/v1/reports/dp255.csv")
                .hasAnyRole(names(SUPERVISOR, OPS, ADMIN))
                .pathMatchers(
                        HttpMethod.GET,
                        "/api/v1/install-code-requests",
                        "/api/v1/install-code-requests/*",
                        "/api/v1/no-wan-offers")
                .hasAnyRole(names(AGENT, SUPERVISOR, OPS, ADMIN))
                .pathMatchers(HttpMethod.POST, "/api/v1/change-of-supplier")
                .hasRole(OPS.name())
                .pathMatchers(HttpMethod.POST, "/api/v1/no-wan-offers/*/outcome")
                .hasAnyRole(names(AGENT, SUPERVISOR))
                // App sessions (issue 12): the customer's own, and an agent's view of their supplier's customers.
                .pathMatchers(HttpMethod.GET, "/api/v1/me/sessions")
                .hasRole(CUSTOMER.name())
                .pathMatchers(HttpMethod.DELETE, "/api/v1/me/sessions/*")
                .hasRole(CUSTOMER.name())
                .pathMatchers(HttpMethod.GET, "/api/v1/customers/*/app-sessions")
                .hasAnyRole(names(AGENT, SUPERVISOR))
                .pathMatchers(HttpMethod.POST, "/api/v1/customers/*/app-sessions/*/revoke")
                .hasAnyRole(names(AGENT, SUPERVISOR))
                // Metrics are instance-wide (every supplier's traffic): no supplier's user may read them. There is
                // no platform-operator role; the platform's operators read them on the host (docs/backend-api.md).
                .pathMatchers("/actuator/metrics", "/actuator/metrics/**")
                .denyAll()
                // Reaching customers by text and voice (issue 14).
                .pathMatchers(HttpMethod.GET, "/api/v1/customers/*/contact")
                .hasAnyRole(names(AGENT, SUPERVISOR, OPS, ADMIN))
                .pathMatchers(HttpMethod.PUT, "/api/v1/customers/*/contact")
                .hasAnyRole(names(AGENT, SUPERVISOR))
                .pathMatchers(HttpMethod.GET, "/api/v1/campaigns/*/reach", "/api/v1/campaigns/*/unreached")
                .hasAnyRole(names(OPS, ADMIN))
                .pathMatchers(HttpMethod.GET, "/api/v1/codes/*/attempts")
                .hasAnyRole(names(AGENT, SUPERVISOR, OPS, ADMIN))
                // The demo phones page (only with the demo data): customers' texts and calls, replies as them.
                .pathMatchers(HttpMethod.GET, "/api/v1/demo/phones")
                .hasAnyRole(names(OPS, ADMIN))
                .pathMatchers(HttpMethod.POST, "/api/v1/demo/phones/*/replies")
                .hasAnyRole(names(OPS, ADMIN))
                // Twilio's webhooks carry no token: each is accepted only with a valid X-Twilio-Signature
                // (reach.voice.TwilioSignature). The inbound line's PIN: the customer's own, or set by an agent.
                .pathMatchers(HttpMethod.POST, "/api/v1/voice/**")
                .permitAll()
                .pathMatchers(HttpMethod.PUT, "/api/v1/me/voice-pin")
                .hasRole(CUSTOMER.name())
                .pathMatchers(HttpMethod.PUT, "/api/v1/customers/*/voice-pin")
                .hasAnyRole(names(AGENT, SUPERVISOR))
                // PSR entries and self-disconnection risk (issue 17, docs/forecast.md).
                .pathMatchers(HttpMethod.GET, "/api/v1/psr/needs", "/api/v1/customers/*/psr", "/api/v1/at-risk")
                .hasAnyRole(names(AGENT, SUPERVISOR))
                .pathMatchers(HttpMethod.PUT, "/api/v1/customers/*/psr")
                .hasAnyRole(names(AGENT, SUPERVISOR))
                .pathMatchers(HttpMethod.POST, "/api/v1/at-risk/*/support-credit", "/api/v1/at-risk/*/contacts")
                .hasAnyRole(names(AGENT, SUPERVISOR))
                .pathMatchers(
                        HttpMethod.POST, "/api/v1/me/no-supply", "/api/v1/me/meter-readings", "/api/v1/me/call-back")
                .hasRole(CUSTOMER.name())
                .pathMatchers(HttpMethod.GET, "/api/v1/me/run-out")
                .hasRole(CUSTOMER.name())
                .pathMatchers(HttpMethod.GET, "/api/v1/reports/at-risk", "/api/v1/reports/at-risk.csv")
                .hasAnyRole(names(SUPERVISOR, OPS, ADMIN))
                .pathMatchers(
                        "/api/v1/protection-proposals",
                        "/api/v1/protection-proposals/*/approve",
                        "/api/v1/protection-proposals/*/reject")
                .hasRole(SUPERVISOR.name())
                .pathMatchers(HttpMethod.GET, "/actuator/**")
                .hasAnyRole(names(OPS, ADMIN))
                .anyExchange()
                .denyAll();
    }

    private static String[] names(Role... roles) {
        return Arrays.stream(roles).map(Role::name).toArray(String[]::new);
    }

    /**
     * No Spring Security observations: they wrap every filter phase and authorisation of every request, 3-4% of
     * the backend's CPU per issued code (docs/performance.md), and tell nothing {@code http.server.requests} does
     * not (a refusal is a 401 or 403 there, and in the audit where it matters).
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
