package uk.lifeline.tariff;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.Objects;
import uk.lifeline.command.ChangePrice;
import uk.lifeline.command.UnitPrice;

/** One unit rate at every hour, and a standing charge. Immutable and thread-safe. */
public record SingleRate(UnitPrice unitRate, UnitPrice standingCharge) implements Tariff {

    public SingleRate {
        Objects.requireNonNull(unitRate, "unitRate");
        Objects.requireNonNull(standingCharge, "standingCharge");
    }

    /** The tariff a change-price code carries. */
    public static SingleRate of(ChangePrice command) {
        return new SingleRate(command.unitRate(), command.standingCharge());
    }

    @Override
    public BigDecimal halfHourCharge(LocalTime start, long wattHours, long usedBefore) {
        return Tariff.energyCharge(wattHours, unitRate);
    }
}
