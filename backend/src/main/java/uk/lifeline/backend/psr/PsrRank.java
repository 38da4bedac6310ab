package uk.lifeline.backend.psr;

import java.util.ArrayList;
import java.util.List;

/**
 * The register's order of customers, for other features' SQL (campaigns code PSR customers first) without their
 * knowing how {@code psr_entry} is laid out: {@link #MEDICALLY_DEPENDENT} first, then {@link #ON_REGISTER}, then
 * {@link #NOT_ON_REGISTER}. The medically dependent needs come from {@link PsrNeed}. Stateless.
 */
public final class PsrRank {

    public static final int MEDICALLY_DEPENDENT = 0;
    public static final int ON_REGISTER = 1;
    public static final int NOT_ON_REGISTER = 2;

    private PsrRank() {}

    /**
     * A SQL expression for the rank of the customer whose supplier and account ids are in the given columns. The
     * column names are the caller's own SQL, never input.
     */
    public static String sql(String supplierColumn, String customerColumn) {
        List<String> dependent = new ArrayList<>();
        for (PsrNeed n : PsrNeed.values()) {
            if (n.medicallyDependent()) {
                dependent.add("'" + n.code() + "'");
            }
        }
        return "coalesce((SELECT CASE WHEN EXISTS (SELECT 1 FROM jsonb_array_elements_text(r.needs) AS x (need)"
                + " WHERE x.need IN (" + String.join(", ", dependent) + ")) THEN " + MEDICALLY_DEPENDENT + " ELSE "
                + ON_REGISTER + " END FROM psr_entry r WHERE r.supplier_id = " + supplierColumn
                + " AND r.customer_account_id = " + customerColumn + "), " + NOT_ON_REGISTER + ")";
    }
}
