package uk.lifeline.backend.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.lifeline.backend.testing.TestDatabase;

/**
 * The embedded PostgreSQL trusts nobody (issue 12): a password made on first start, kept owner-only; loopback
 * only; no Unix socket; and a folder from before passwords is locked down when it starts.
 */
class EmbeddedDatabaseLockTest {

    private static Path folder() {
        return TestDatabase.DIR.resolve("lock-" + UUID.randomUUID()).resolve("postgres");
    }

    private static Connection connect(EmbeddedDatabase db, String password) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(EmbeddedDatabase.DATABASE), EmbeddedDatabase.USER, password);
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Test
    void aNewServerHasAPasswordKeptOwnerOnlyAndRefusesConnectionsWithoutIt() throws Exception {
        Path data = folder();
        EmbeddedDatabase db = EmbeddedDatabase.start(data, 0, false);
        try {
            Path file = db.passwordFile();
            assertThat(file).isEqualTo(data.resolveSibling("postgres.password"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                    .isEqualTo("rwx------");
            assertThat(Files.readString(file).trim()).isEqualTo(db.password()).hasSizeGreaterThanOrEqualTo(32);

            assertThatThrownBy(() -> connect(db, "")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(db, "not-the-password"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            try (Connection c = connect(db, db.password())) {
                assertThat(one(c, "SHOW listen_addresses")).isEqualTo("localhost");
                assertThat(one(c, "SHOW unix_socket_directories")).isEmpty();
                assertThat(one(c, "SELECT rolpassword FROM pg_authid WHERE rolname = 'postgres'"))
                        .startsWith("SCRAM-SHA-256$");
                assertThat(one(c, "SELECT count(*) FROM pg_hba_file_rules WHERE auth_method <> 'scram-sha-256'"))
                        .isEqualTo("0");
                assertThat(one(c, "SELECT string_agg(DISTINCT type, ',') FROM pg_hba_file_rules"))
                        .isEqualTo("host");
            }
        } finally {
            db.close();
        }
        // A second start of the same folder reads the same password.
        EmbeddedDatabase again = EmbeddedDatabase.start(data, 0, false);
        try (Connection c = connect(again, again.password())) {
            assertThat(one(c, "SELECT 1")).isEqualTo("1");
        } finally {
            again.close();
        }
    }

    @Test
    void aFolderFromBeforePasswordsKeepsItsDataAndStopsTrustingOnStart() throws Exception {
        Path data = folder();
        Files.createDirectories(data.getParent());
        // What earlier versions made: initdb with trust, listening on localhost.
        EmbeddedPostgres legacy = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "localhost")
                .start();
        try (Connection c = legacy.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE lifeline");
        }
        try (Connection c = legacy.getDatabase("postgres", "lifeline").getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (v text)");
            s.execute("INSERT INTO kept VALUES ('issued before the upgrade')");
        }
        legacy.close();
        assertThat(Files.readString(data.resolve("pg_hba.conf"))).containsPattern("(?m)^(local|host).*trust");

        EmbeddedDatabase db = EmbeddedDatabase.start(data, 0, false);
        try {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db.passwordFile())))
                    .isEqualTo("rw-------");
            assertThat(Files.readString(data.resolve("pg_hba.conf"))).doesNotContainPattern("(?m)^(local|host).*trust");
            assertThatThrownBy(() -> connect(db, "")).isInstanceOf(SQLException.class);
            try (Connection c = connect(db, db.password())) {
                assertThat(one(c, "SELECT v FROM kept")).isEqualTo("issued before the upgrade");
            }
        } finally {
            db.close();
        }
    }
}
