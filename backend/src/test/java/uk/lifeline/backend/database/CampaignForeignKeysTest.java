package uk.lifeline.backend.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * V32: the foreign keys a campaign's rows keep. Only those whose parent the row's one writer reads in the same
 * statement are gone (push deliveries, campaign targets); every key whose values come from a request or from Java
 * stays, so another tenant's id is still refused by the database itself.
 */
class CampaignForeignKeysTest {

    @Test
    void rowsDerivedInTheirOwnStatementHaveNoForeignKeyAndRowsFromRequestsKeepTheirs() throws SQLException {
        List<String> keys = CampaignMeterRows.names("""
                SELECT t.relname || ' -> ' || p.relname FROM pg_constraint k
                JOIN pg_class t ON t.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
                WHERE k.contype = 'f' AND t.relname IN %s
                ORDER BY 1
                """.formatted(CampaignMeterRows.TABLES));
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
