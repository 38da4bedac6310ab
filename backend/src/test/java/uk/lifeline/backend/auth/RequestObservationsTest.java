package uk.lifeline.backend.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import uk.lifeline.backend.delivery.Eventually;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;

/**
 * A request is observed once, as {@code http.server.requests}; Spring Security's own observations of each filter
 * phase and authorisation are off (they were 3-4% of the backend's CPU per issued code: docs/performance.md).
 */
@Import(RequestObservationsTest.Names.class)
class RequestObservationsTest extends BackendTest {

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

    @Autowired
    Names names;

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
