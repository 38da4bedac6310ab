package uk.lifeline.backend.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import uk.lifeline.backend.testing.TestDatabase;

/** The tables a campaign writes a row of for each meter, and the schema's names for things on them. Stateless. */
final class CampaignMeterRows {

    /** As SQL: the tables written per campaign meter. */
    static final String TABLES = "('code', 'code_counter', 'outbox_message', 'push_delivery', 'customer_notice',"
            + " 'campaign_target', 'reach_step')";

    private CampaignMeterRows() {}

    /** The first column of a query on a freshly migrated database, in the query's order. */
    static List<String> names(String query) throws SQLException {
        try (Connection c = TestDatabase.migrated();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(query)) {
            List<String> names = new ArrayList<>();
            while (r.next()) {
                names.add(r.getString(1));
            }
            return names;
        }
    }
}
