package uk.lifeline.backend.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every index on the rows a campaign writes for each meter, with what reads it. Each costs an entry per row of
 * every campaign meter, so one arrives only with a reader; V33 dropped the two that had none.
 */
class CampaignIndexesTest {

    private static final Map<String, String> READERS = new TreeMap<>(Map.ofEntries(
            Map.entry("code_pkey", "a code by its id, everywhere"),
            Map.entry("code_supplier_id_device_id_counter_key", "a meter's counter used once (the ledger)"),
            Map.entry("code_by_meter", "a meter's codes, newest first (ledger.CodeStore, the history)"),
            Map.entry("code_by_customer", "a customer's codes (ledger.CodeStore, reach.LedgerCodeDesk)"),
            Map.entry("code_expiring", "the expiry sweep (ledger.CodeStore)"),
            Map.entry("code_counter_pkey", "a meter's counter (the ledger)"),
            Map.entry("outbox_message_pkey", "a delivery's message, the stream's place"),
            Map.entry("outbox_by_customer", "the app's pull and live stream (delivery.StreamHub)"),
            Map.entry("outbox_by_subject", "a code's messages (reach: the ladder, attempts, a campaign's reach)"),
            Map.entry("outbox_by_age", "retention (delivery.DeliveryRetention)"),
            Map.entry("push_delivery_pkey", "a delivery by its id (the claim's updates)"),
            Map.entry("push_delivery_by_message", "a message's deliveries (retention, the campaign's push tally)"),
            Map.entry("push_delivery_due", "the due queue (delivery.Dispatcher)"),
            Map.entry("push_delivery_pending_by_phone", "the claim by phone (delivery.Dispatcher)"),
            Map.entry("push_delivery_expiring", "queued pushes past their expiry (delivery.Dispatcher)"),
            Map.entry("push_delivery_leased", "leases a dispatcher let lapse (delivery.Dispatcher)"),
            Map.entry("push_delivery_in_doubt", "pushes in doubt (delivery.PushHealth)"),
            Map.entry("customer_notice_pkey", "a notice's copy for a customer"),
            Map.entry("customer_notice_by_customer", "a customer's notices (the app, notice.NoticeStore)"),
            Map.entry("campaign_target_pkey", "a campaign's meter"),
            Map.entry("campaign_target_open", "a campaign's next page (campaign.CampaignPages)"),
            Map.entry("campaign_target_by_code", "a code's campaign (console.ConsoleStore, the history)"),
            Map.entry("reach_step_pkey", "a code's ladder steps"),
            Map.entry("reach_step_due", "the ladder's due steps (reach.ladder.Ladder)")));

    @Test
    void everyIndexOnACampaignMetersRowsHasAReader() throws SQLException {
        List<String> indexes = CampaignMeterRows.names(
                "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename IN %s ORDER BY 1"
                        .formatted(CampaignMeterRows.TABLES));
        assertThat(indexes).containsExactlyElementsOf(READERS.keySet());
    }
}
