package uk.lifeline.backend.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.delivery.Eventually;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;

/**
 * What every request costs besides its own work: it is observed once, as {@code http.server.requests} (Spring
 * Security's own observations of each filter phase and authorisation are off: they were 3-4% of the backend's CPU
 * per issued code), and it opens no web session (the API is stateless; see docs/performance.md for both).
 */
@Import({PerRequestWorkTest.Names.class, PerRequestWorkTest.Sessions.class})
class PerRequestWorkTest extends BackendTest {

    /** Records the name of every observation the application starts. */
    @TestConfiguration
    static class Names {
        final List<String> started = new CopyOnWriteArrayList<>();

        @Bean
        ObservationHandler<Observation.Context> recordingHandler() {
            return new ObservationHandler<>() {
                @Override
                public void onStart(Observation.Context context) {
                    started.add(context.getName());
                }

                @Override
                public boolean supportsContext(Observation.Context context) {
                    return true;
                }
            };
        }
    }

    /** Counts every time anything asks for a request's web session. */
    @TestConfiguration
    static class Sessions {
        final AtomicInteger asked = new AtomicInteger();

        @Bean(name = WebHttpHandlerBuilder.WEB_SESSION_MANAGER_BEAN_NAME)
        WebSessionManager countingSessions() {
            DefaultWebSessionManager sessions = new DefaultWebSessionManager();
            return exchange -> Mono.defer(() -> {
                asked.incrementAndGet();
                return sessions.getSession(exchange);
            });
        }
    }

    @Autowired
    Names names;

    @Autowired
    Sessions sessions;

    @Test
    void noRequestOpensAWebSession() {
        Tenant t = tenant("ws");
        sessions.asked.set(0);
        String agent = t.token("agent");
        issue(agent, t.meter2, UUID.randomUUID().toString(), "top-up", Map.of("amount", "5.00"))
                .expectStatus()
                .isCreated();
        get(agent, "/api/v1/meters/" + t.meter1 + "/codes").expectStatus().isOk();
        get(null, "/api/v1/meters/" + t.meter1 + "/codes").expectStatus().isUnauthorized();

        assertThat(sessions.asked).hasValue(0);
    }

    @Test
    void anAuthorisedRequestIsObservedAsAnHttpRequestAndNotPhaseByPhaseBySpringSecurity() {
        Tenant t = tenant("ob");
        names.started.clear();
        get(t.token("agent"), "/api/v1/meters/" + t.meter1 + "/codes")
                .expectStatus()
                .isOk();
        get(null, "/api/v1/meters/" + t.meter1 + "/codes").expectStatus().isUnauthorized();

        Eventually.until(
                () -> names.started.stream()
                                .filter("http.server.requests"::equals)
                                .count()
                        >= 2,
                java.time.Duration.ofSeconds(10));
        assertThat(names.started).noneMatch(name -> name.startsWith("spring.security"));
    }
}
