package uk.lifeline.prepay;

import java.math.BigDecimal;
import java.util.Objects;
import uk.lifeline.calendar.PeriodTotal;

/**
 * What the meter counts between charges: the fraction of a penny charged but not yet taken (0 to 1, see
 * {@link uk.lifeline.tariff.Rounding}), watt-hours used in the current block period, and debt recovered towards
 * each cap in the current cap period. Immutable.
 */
public record Accruals(
        BigDecimal unchargedPence,
        PeriodTotal blockUse,
        PeriodTotal timeDebtRecovered,
        PeriodTotal paymentDebtRecovered) {

    public static final Accruals NONE =
            new Accruals(BigDecimal.ZERO, PeriodTotal.NONE, PeriodTotal.NONE, PeriodTotal.NONE);

    public Accruals {
        Objects.requireNonNull(blockUse, "blockUse");
        Objects.requireNonNull(timeDebtRecovered, "timeDebtRecovered");
        Objects.requireNonNull(paymentDebtRecovered, "paymentDebtRecovered");
        if (unchargedPence.signum() < 0 || unchargedPence.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("the uncharged fraction is a fraction of a penny: " + unchargedPence);
        }
    }
}
