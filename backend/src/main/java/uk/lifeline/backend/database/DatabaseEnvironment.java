package uk.lifeline.backend.database;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Chooses the database before the application starts, and says where it is in Spring's own properties
 * ({@code spring.r2dbc.*} for the application, {@code spring.flyway.*} for migrations over JDBC):
 * <ol>
 *   <li>{@code spring.r2dbc.url} set: used as it is (with {@code spring.flyway.url} beside it);</li>
 *   <li>{@code lifeline.database.url} set (e.g. {@code postgresql://db:5432/lifeline}): an external PostgreSQL,
 *       with {@code lifeline.database.username} and {@code password};</li>
 *   <li>{@code lifeline.database.embedded=false}: nothing here; Spring's own properties must say (tests);</li>
 *   <li>otherwise the embedded default: a PostgreSQL under {@code lifeline.data-dir}/postgres, started here,
 *       which also switches on the demo data and first-start key generation unless they are set.</li>
 * </ol>
 */
public final class DatabaseEnvironment implements EnvironmentPostProcessor {

    private final Log log;

    public DatabaseEnvironment(DeferredLogFactory logs) {
        this.log = logs.getLog(DatabaseEnvironment.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (env.containsProperty("spring.r2dbc.url")
                || !env.getProperty("lifeline.database.embedded", Boolean.class, true)) {
            return;
        }
        Map<String, Object> chosen = new HashMap<>();
        Map<String, Object> defaults = new HashMap<>();
        String url = env.getProperty("lifeline.database.url", "");
        if (!url.isBlank()) {
            String location = DatabaseUrls.location(url);
            chosen.put("spring.r2dbc.url", "r2dbc:" + location);
            chosen.put("spring.flyway.url", "jdbc:" + location);
            String user = env.getProperty("lifeline.database.username", "");
            String password = env.getProperty("lifeline.database.password", "");
            chosen.put("spring.r2dbc.username", user);
            chosen.put("spring.r2dbc.password", password);
            chosen.put("spring.flyway.user", user);
            chosen.put("spring.flyway.password", password);
            defaults.put("lifeline.demo.enabled", "false");
            defaults.put("lifeline.keys.generate-missing", "false");
            log.info("Using the external PostgreSQL at " + DatabaseUrls.withoutCredentials(location));
        } else {
            Path dataDir =
                    Path.of(env.getProperty("lifeline.data-dir", System.getProperty("user.home") + "/.lifeline"));
            int port = env.getProperty("lifeline.database.embedded-port", Integer.class, 54329);
            EmbeddedDatabase db = EmbeddedDatabase.start(dataDir.resolve("postgres"), port, true);
            chosen.put("spring.r2dbc.url", db.r2dbcUrl(EmbeddedDatabase.DATABASE));
            chosen.put("spring.flyway.url", db.jdbcUrl(EmbeddedDatabase.DATABASE));
            chosen.put("spring.r2dbc.username", EmbeddedDatabase.USER);
            chosen.put("spring.flyway.user", EmbeddedDatabase.USER);
            chosen.put("spring.r2dbc.password", db.password());
            chosen.put("spring.flyway.password", db.password());
            chosen.put("lifeline.database.embedded-jdbc-url", db.jdbcUrl(EmbeddedDatabase.DATABASE));
            defaults.put("lifeline.demo.enabled", "true");
            defaults.put("lifeline.keys.generate-missing", "true");
            log.info("Started the embedded PostgreSQL on port " + db.port() + " with its data in "
                    + dataDir.resolve("postgres") + " and its password in " + db.passwordFile());
            // The application's beans see it (its watchdog tells DatabaseAvailability), and it stops after them:
            // the first disposable the context holds is the last it destroys, once requests in flight have ended
            // (graceful shutdown) and every loop and sender has stopped, so none of them finds the database gone.
            application.addInitializers(context -> {
                DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
                beans.registerSingleton("embeddedDatabase", db);
                beans.registerDisposableBean("embeddedDatabase", () -> closeQuietly(db));
                db.ownerCloses();
            });
        }
        env.getPropertySources().addFirst(new MapPropertySource("lifeline-database", chosen));
        env.getPropertySources().addLast(new MapPropertySource("lifeline-database-defaults", defaults));
    }

    private void closeQuietly(EmbeddedDatabase db) {
        try {
            db.close();
        } catch (IOException | RuntimeException e) {
            log.warn("Could not stop the embedded PostgreSQL cleanly", e);
        }
    }
}
