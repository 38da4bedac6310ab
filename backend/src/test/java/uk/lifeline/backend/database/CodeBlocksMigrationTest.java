package uk.lifeline.backend.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import uk.lifeline.backend.testing.TestDatabase;

/** V20 turns codes kept as one string of digits into their blocks without losing or reordering a digit. */
class CodeBlocksMigrationTest {

    private static final String ONE = "12345678901234567890";
    private static final String TWO = "98765432109876543210";
    private static final String THREE = "55555555554444444444";

    @Test
    void codesIssuedBeforeTheChangeBecomeTheirBlocksInTypingOrder() throws SQLException {
        EmbeddedDatabase server = TestDatabase.server();
        String name = TestDatabase.fresh();
        String url = server.jdbcUrl(name);
        migrate(url, server.password(), "19");
        try (Connection c = DriverManager.getConnection(url, EmbeddedDatabase.USER, server.password());
                Statement s = c.createStatement()) {
            // Only the code rows matter here: the foreign keys' triggers are skipped for this session.
            s.execute("SET session_replication_role = replica");
            s.execute(insert("'" + ONE + "'", 1));
            s.execute(insert("'" + ONE + TWO + "'", 2));
            s.execute(insert("'" + ONE + TWO + THREE + "'", 3));
        }
        migrate(url, server.password(), "20");
        List<List<String>> kept = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, EmbeddedDatabase.USER, server.password());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT blocks FROM code ORDER BY counter")) {
            while (r.next()) {
                Array blocks = r.getArray(1);
                kept.add(Arrays.asList((String[]) blocks.getArray()));
            }
        }
        assertThat(kept).containsExactly(List.of(ONE), List.of(ONE, TWO), List.of(ONE, TWO, THREE));
    }

    private static void migrate(String url, String password, String version) {
        Flyway.configure()
                .dataSource(url, EmbeddedDatabase.USER, password)
                .target(version)
                .load()
                .migrate();
    }

    private static String insert(String digits, int blocks) {
        return "INSERT INTO code (id, supplier_id, device_id, customer_account_id, command, parameters, digits,"
                + " blocks, counter, reason, status, needs_approval, issued_by, issued_at, expires_at, updated_at)"
                + " VALUES (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'top-up',"
                + " '{}', " + digits + ", " + blocks + ", " + blocks + ", 'before V20', 'ISSUED', false,"
                + " gen_random_uuid(), now(), now(), now())";
    }
}
