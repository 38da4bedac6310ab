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

/**
 * V32: the foreign keys a campaign's rows keep. Only those whose parent the row's one writer reads in the same
 * statement are gone (push deliveries, campaign targets); every key whose values come from a request or from Java
 * stays, so another tenant's id is still refused by the database itself.
 */
class CampaignForeignKeysTest {

    @Test
    void rowsDerivedInTheirOwnStatementHaveNoForeignKeyAndRowsFromRequestsKeepTheirs() throws SQLException {
        try (Connection c = TestDatabase.migrated();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("""
                        SELECT t.relname || ' -> ' || p.relname FROM pg_constraint k
                        JOIN pg_class t ON t.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
                        WHERE k.contype = 'f' AND t.relname IN ('push_delivery', 'campaign_target', 'code',
                          'outbox_message', 'reach_step', 'customer_notice', 'code_counter')
                        ORDER BY 1
                        """)) {
            List<String> keys = new ArrayList<>();
            while (r.next()) {
                keys.add(r.getString(1));
            }
            assertThat(keys)
                    .containsExactly(
                            "code -> app_user",
                            "code -> app_user",
                            "code -> customer_account",
                            "code -> device",
                            "code_counter -> device",
                            "customer_notice -> customer_account",
                            "customer_notice -> notice",
                            "outbox_message -> customer_account",
                            "reach_step -> customer_account");
        }
    }
}
