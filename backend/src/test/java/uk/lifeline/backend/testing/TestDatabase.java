package uk.lifeline.backend.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import uk.lifeline.backend.database.EmbeddedDatabase;

/**
 * One real PostgreSQL for the whole test run (started on first use, stopped when the JVM exits), and a fresh
 * database in it for every test class. Test data is thrown away, so commits do not wait for the disk here.
 */
public final class TestDatabase {

    public static final Path DIR = Path.of(System.getProperty("lifeline.test.dir", "target/test-data"));
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedDatabase server;

    private TestDatabase() {}

    public static synchronized EmbeddedDatabase server() {
        if (server == null) {
            Path data = DIR.resolve("postgres");
            delete(data);
            server = EmbeddedDatabase.start(data, 0, false);
        }
        return server;
    }

    /** Creates an empty database and returns its name. */
    public static String fresh() {
        String name =
                "test_" + NEXT.incrementAndGet() + "_" + ProcessHandle.current().pid();
        server().createDatabase(name);
        return name;
    }

    /** A connection to a fresh database with every migration applied, for tests of the schema itself. */
    public static Connection migrated() throws SQLException {
        EmbeddedDatabase db = server();
        String url = db.jdbcUrl(fresh());
        Flyway.configure()
                .dataSource(url, EmbeddedDatabase.USER, db.password())
                .load()
                .migrate();
        return DriverManager.getConnection(url, EmbeddedDatabase.USER, db.password());
    }

    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
