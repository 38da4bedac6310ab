package uk.lifeline.backend.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import uk.lifeline.backend.LifelineBackend;
import uk.lifeline.backend.testing.TestDatabase;

/**
 * The README's main job, stopped: the backend on its embedded default stops its database last, after the web
 * server has finished the requests in flight and every loop and sender has stopped, so none of them finds the
 * database gone (before, the database stopped first and the loops' last steps failed with stack traces).
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDatabaseShutdownTest {

    private static boolean reachable(EmbeddedDatabase db) {
        try (Connection c = DriverManager.getConnection(
                db.jdbcUrl(EmbeddedDatabase.DATABASE), EmbeddedDatabase.USER, db.password())) {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    @Test
    void theEmbeddedDatabaseStopsOnlyAfterEverythingThatUsesIt(CapturedOutput output) {
        Path data = TestDatabase.DIR.resolve("shutdown-" + UUID.randomUUID());
        ConfigurableApplicationContext app = new SpringApplicationBuilder(LifelineBackend.class)
                .run("--server.port=0", "--lifeline.data-dir=" + data, "--lifeline.database.embedded-port=0");
        EmbeddedDatabase db = app.getBean(EmbeddedDatabase.class);
        assertThat(reachable(db)).isTrue();
        // Registered last, so destroyed first: after the web server and the loops (lifecycle beans) have stopped,
        // before any other bean is destroyed.
        AtomicReference<Boolean> upWhenBeansGo = new AtomicReference<>();
        ((DefaultListableBeanFactory) app.getBeanFactory())
                .registerDisposableBean("shutdownProbe", () -> upWhenBeansGo.set(reachable(db)));

        app.close();

        assertThat(upWhenBeansGo.get())
                .as("the database was up when the beans were destroyed")
                .isTrue();
        assertThat(reachable(db))
                .as("the database stopped with the application")
                .isFalse();
        assertThatThrownBy(() -> DriverManager.getConnection(
                        db.jdbcUrl(EmbeddedDatabase.DATABASE), EmbeddedDatabase.USER, db.password()))
                .isInstanceOf(SQLException.class);
        assertThat(output).doesNotContain("Failed to obtain R2DBC Connection").doesNotContain("a step failed");
    }
}
