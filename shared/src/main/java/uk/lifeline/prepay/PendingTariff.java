package uk.lifeline.prepay;

import java.time.LocalDate;
import java.util.Objects;
import uk.lifeline.tariff.Tariff;

/** A tariff the meter holds until meter-local midnight at the start of {@code from}. Immutable. */
public record PendingTariff(LocalDate from, Tariff tariff) {

    public PendingTariff {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(tariff, "tariff");
    }
}
