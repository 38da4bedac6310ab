package uk.lifeline.backend.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.lifeline.backend.testing.TestDatabase;

/** The embedded PostgreSQL the demo and the benches run on: durable commits, and WAL files made without a stall. */
class EmbeddedDatabaseSettingsTest {

    @Test
    void aDurableServerWaitsForTheDiskOnEveryCommitAndMakesWalFilesWithoutZeroFillingThem() throws Exception {
        EmbeddedDatabase db = EmbeddedDatabase.start(
                TestDatabase.DIR.resolve("settings-" + UUID.randomUUID()).resolve("postgres"), 0, true);
        try (Connection c = DriverManager.getConnection(
                        db.jdbcUrl(EmbeddedDatabase.DATABASE), EmbeddedDatabase.USER, db.password());
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT name, setting FROM pg_settings WHERE name IN"
                        + " ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_init_zero') ORDER BY name")) {
            StringBuilder settings = new StringBuilder();
            while (rows.next()) {
                settings.append(rows.getString(1))
                        .append('=')
                        .append(rows.getString(2))
                        .append(' ');
            }
            assertThat(settings.toString().trim())
                    .isEqualTo("fsync=on full_page_writes=on synchronous_commit=on wal_init_zero=off");
        } finally {
            db.close();
        }
    }
}
