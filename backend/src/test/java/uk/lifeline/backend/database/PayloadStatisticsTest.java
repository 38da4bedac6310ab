package uk.lifeline.backend.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.lifeline.backend.testing.TestDatabase;

/** V31: ANALYZE reads no payload column of the hot tables, and keeps the statistics of the columns plans use. */
class PayloadStatisticsTest {

    @Test
    void analysingTheAuditLogKeepsStatisticsForItsKeysAndNoneForItsEntriesOrHashes() throws SQLException {
        try (Connection c = TestDatabase.migrated();
                Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO audit_log (supplier_id, chain, seq, entry, prev_hash, hash)
                    SELECT gen_random_uuid(), n % 4, n, repeat('an audit entry ', 40), sha256(int4send(n)),
                      sha256(int4send(n + 1))
                    FROM generate_series(1, 500) n
                    """);
            s.execute("ANALYZE audit_log");
            assertThat(columns(s, "SELECT attname FROM pg_stats WHERE tablename = 'audit_log' ORDER BY attname"))
                    .containsExactly("chain", "seq", "supplier_id");
            assertThat(columns(s, """
                            SELECT c.relname || '.' || a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                            WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attstattarget = 0 AND c.relname IN ('code', 'outbox_message', 'idempotency_record')
                            ORDER BY 1
                            """))
                    .containsExactly(
                            "code.approval_reasons",
                            "code.blocks",
                            "code.envelope",
                            "code.parameters",
                            "idempotency_record.request_hash",
                            "idempotency_record.response_body",
                            "outbox_message.body",
                            "outbox_message.envelope",
                            "outbox_message.title");
        }
    }

    private static List<String> columns(Statement s, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }
}
