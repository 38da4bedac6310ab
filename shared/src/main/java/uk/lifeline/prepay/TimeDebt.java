package uk.lifeline.prepay;

import java.util.Objects;
import uk.lifeline.command.SetDebt;

/**
 * A time-based debt register: the debt outstanding and how much is recovered each day or each hour. Immutable.
 */
public record TimeDebt(long amountPence, long ratePence, SetDebt.Recovery per) {

    public static final TimeDebt NONE = new TimeDebt(0, 0, SetDebt.Recovery.PER_DAY);

    public TimeDebt {
        Objects.requireNonNull(per, "per");
        if (per == SetDebt.Recovery.PERCENT_OF_TOP_UP) {
            throw new IllegalArgumentException("a time-based register recovers per day or per hour");
        }
        Money.check("time-based debt", amountPence);
        Money.check("time-based debt rate", ratePence);
        if (amountPence < 0 || ratePence < 0) {
            throw new IllegalArgumentException("debt and rate cannot be negative");
        }
    }

    public TimeDebt withAmount(long pence) {
        return new TimeDebt(pence, ratePence, per);
    }
}
