package uk.lifeline.backend.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** {@code lifeline.codes.counter-window} is checked when the backend starts: 1 to 512, or it does not start. */
class CounterWindowSettingTest {

    @Configuration
    @EnableConfigurationProperties(IssuingProperties.class)
    static class Properties {}

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(Properties.class);

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 513, 1024})
    void aWindowOutsideOneTo512StopsTheStartWithTheReason(int window) {
        runner.withPropertyValues("lifeline.codes.counter-window=" + window).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            StringBuilder messages = new StringBuilder();
            for (Throwable t = failure; t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            assertThat(messages.toString())
                    .contains("lifeline.codes")
                    .contains("counterWindow")
                    .contains("must be between 1 and 512")
                    .contains("bad-mac");
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100, 512})
    void aWindowFrom1To512Starts(int window) {
        runner.withPropertyValues("lifeline.codes.counter-window=" + window).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(IssuingProperties.class).counterWindow()).isEqualTo(window);
        });
    }

    @Test
    void theShippedDefaultIs512() {
        // application.yml sets 512; the record itself has no default, so a missing value (0) would not start.
        runner.run(context -> assertThat(context).hasFailed());
    }
}
