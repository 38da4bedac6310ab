package uk.lifeline.backend.followup;

/**
 * Which devices DP255 follow-up is about, in one place: a supplier's devices at premises it still supplies that
 * are in a partial install (the commissioning record says PARTIAL_INSTALL and it is not commissioned, or the
 * device's WAN state says so), and its meters left without WAN (WAN state other than COMMISSIONED_WAN, or
 * installed and not commissioned) unless their modelled state says they are in credit mode. Stateless.
 */
final class Dp255Devices {

    /**
     * A common table expression {@code dp} for supplier {@code :s}: device_id, eui64, device_type, wan_state,
     * postcode, customer_account_id, mpxn, commissioning, reason, installed_on, payment_mode (PREPAYMENT, CREDIT
     * or UNKNOWN for meters, null for other devices) and category (PARTIAL_INSTALL or PREPAYMENT_NO_WAN).
     */
    static final String CTE = """
            dp AS (
              SELECT d.id AS device_id, d.eui64, d.device_type, d.wan_state, p.postcode, p.customer_account_id,
                sp.mpxn, c.state AS commissioning, c.reason, c.installed_on,
                CASE WHEN d.device_type IN ('ESME', 'GSME') THEN coalesce(m.state->>'mode', 'UNKNOWN') END
                  AS payment_mode,
                CASE WHEN d.wan_state = 'PARTIAL_INSTALL'
                       OR (c.reason = 'PARTIAL_INSTALL' AND c.state = 'INSTALLED_NOT_COMMISSIONED')
                     THEN 'PARTIAL_INSTALL' ELSE 'PREPAYMENT_NO_WAN' END AS category
              FROM device d
              JOIN premises p ON p.supplier_id = d.supplier_id AND p.id = d.premises_id AND p.supply_ended_at IS NULL
              LEFT JOIN supply_point sp ON sp.supplier_id = d.supplier_id AND sp.id = d.supply_point_id
              LEFT JOIN device_commissioning c ON c.eui64 = d.eui64
              LEFT JOIN meter_model m ON m.supplier_id = d.supplier_id AND m.device_id = d.id
              WHERE d.supplier_id = :s AND (
                d.wan_state = 'PARTIAL_INSTALL'
                OR (c.reason = 'PARTIAL_INSTALL' AND c.state = 'INSTALLED_NOT_COMMISSIONED')
                OR (d.device_type IN ('ESME', 'GSME') AND coalesce(m.state->>'mode', 'UNKNOWN') <> 'CREDIT'
                    AND (d.wan_state <> 'COMMISSIONED_WAN' OR c.state = 'INSTALLED_NOT_COMMISSIONED'))))
            """;

    /** True (SQL) when customer {@code <alias>.customer_account_id} of {@code :s} has a meter in prepayment mode. */
    static String prepaymentCustomer(String alias) {
        return """
                EXISTS (SELECT 1 FROM premises pp
                  JOIN device pd ON pd.supplier_id = pp.supplier_id AND pd.premises_id = pp.id
                  JOIN meter_model pm ON pm.supplier_id = pd.supplier_id AND pm.device_id = pd.id
                  WHERE pp.supplier_id = :s AND pp.customer_account_id = %s.customer_account_id
                    AND pp.supply_ended_at IS NULL AND pm.state->>'mode' = 'PREPAYMENT')
                """.formatted(alias);
    }

    /**
     * True (SQL) when customer {@code <alias>.customer_account_id} of {@code :s} uses the app already: an
     * activated installation, or a phone registered for codes.
     */
    static String appLinked(String alias) {
        return """
                (EXISTS (SELECT 1 FROM app_install ai WHERE ai.supplier_id = :s
                   AND ai.customer_account_id = %1$s.customer_account_id)
                 OR EXISTS (SELECT 1 FROM push_device pd WHERE pd.supplier_id = :s
                   AND pd.customer_account_id = %1$s.customer_account_id AND pd.retired_at IS NULL))
                """.formatted(alias);
    }

    private Dp255Devices() {}
}
