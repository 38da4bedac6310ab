package uk.lifeline.backend.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.lifeline.backend.testing.TestDatabase;

/**
 * The embedded server is the PostgreSQL major version the build names, and a data folder another major version made
 * (another build's) is refused with what to do, before anything in it changes.
 */
class EmbeddedDatabaseVersionTest {

    private static Path folder() {
        return TestDatabase.DIR.resolve("version-" + UUID.randomUUID()).resolve("postgres");
    }

    @Test
    void theServerIsTheMajorVersionTheBuildNames() throws Exception {
        EmbeddedDatabase db = EmbeddedDatabase.start(folder(), 0, false);
        try (Connection c = DriverManager.getConnection(
                        db.jdbcUrl(EmbeddedDatabase.DATABASE), EmbeddedDatabase.USER, db.password());
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(EmbeddedDatabase.MAJOR_VERSION);
        } finally {
            db.close();
        }
    }

    @Test
    void aFolderMadeByAnotherMajorVersionIsRefusedAndLeftAsItWas() throws Exception {
        Path data = folder();
        Files.createDirectories(data);
        Files.writeString(data.resolve("PG_VERSION"), "17\n");
        Files.writeString(data.resolve("postgresql.conf"), "# made by PostgreSQL 17\n");

        assertThatThrownBy(() -> EmbeddedDatabase.start(data, 0, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was made by PostgreSQL 17")
                .hasMessageContaining("this build runs PostgreSQL " + EmbeddedDatabase.MAJOR_VERSION)
                .hasMessageContaining("nothing in it was changed")
                .hasMessageContaining("pg_dump");

        try (var files = Files.list(data)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("PG_VERSION", "postgresql.conf");
        }
        assertThat(Files.readString(data.resolve("PG_VERSION"))).isEqualTo("17\n");
        assertThat(DatabasePassword.fileFor(data)).doesNotExist();
    }

    @Test
    void aFolderWithoutItsVersionIsRefusedAsNotADataFolder() throws Exception {
        Path data = folder();
        Files.createDirectories(data);
        Files.writeString(data.resolve("postgresql.conf"), "# half a folder\n");

        assertThatThrownBy(() -> EmbeddedDatabase.start(data, 0, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no readable PG_VERSION");
        assertThat(DatabasePassword.fileFor(data)).doesNotExist();
    }
}
