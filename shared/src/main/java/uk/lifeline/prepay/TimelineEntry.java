package uk.lifeline.prepay;

import java.time.Instant;
import java.util.Objects;

/**
 * One change to a meter: when, why, by how much (pence; 0 where no money moved), a note where the reason needs
 * words (the command, the refusal), and the meter's money and supply just after it. Immutable.
 */
public record TimelineEntry(
        Instant at,
        Change change,
        long amountPence,
        String note,
        long meterBalance,
        boolean emergencyCreditActive,
        long emergencyCreditBalance,
        long timeDebt1,
        long timeDebt2,
        long paymentDebt,
        long accumulatedDebt,
        SupplyState supply) {

    public TimelineEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(supply, "supply");
    }
}
