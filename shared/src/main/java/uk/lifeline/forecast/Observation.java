package uk.lifeline.forecast;

import java.time.Instant;
import java.util.Objects;
import uk.lifeline.prepay.MeterState;

/** What a supplier knows of a meter without the WAN: a top-up it issued, or a balance the customer reported. */
public sealed interface Observation {

    Instant at();

    /** A top-up code the meter took, in pence. */
    record TopUpSeen(Instant at, long pence) implements Observation {
        public TopUpSeen {
            Objects.requireNonNull(at, "at");
            if (pence <= 0) {
                throw new IllegalArgumentException("a top-up is more than 0p");
            }
        }
    }

    /**
     * What the display showed, as the customer's position in pence: meter balance less emergency credit used and
     * less the Accumulated Debt Register (so charges the meter deferred count as spent).
     */
    record BalanceSeen(Instant at, long positionPence) implements Observation {
        public BalanceSeen {
            Objects.requireNonNull(at, "at");
        }

        /** The position a meter in state {@code s} shows, as of the state's instant. */
        public static BalanceSeen of(MeterState s) {
            return new BalanceSeen(
                    s.asOf(),
                    s.credit().meterBalance()
                            - s.emergencyCreditUsed()
                            - s.debts().accumulatedDebt());
        }
    }
}
