package uk.lifeline.testing;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import uk.lifeline.command.AddDebt;
import uk.lifeline.command.ChangeMode;
import uk.lifeline.command.ChangePrice;
import uk.lifeline.command.ChangeTimeOfUsePrice;
import uk.lifeline.command.CodeTime;
import uk.lifeline.command.DebtRegister;
import uk.lifeline.command.DeductCredit;
import uk.lifeline.command.DeductDebt;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.command.OpenHan;
import uk.lifeline.command.RevertToDefault;
import uk.lifeline.command.SetCredit;
import uk.lifeline.command.SetDebt;
import uk.lifeline.command.SetFriendlyCreditPeriod;
import uk.lifeline.command.SetNonDisconnectPeriod;
import uk.lifeline.command.TopUp;
import uk.lifeline.command.UnitPrice;

/** jqwik generators covering every command over its whole parameter range, edges included. */
public final class CommandArbitraries {

    private CommandArbitraries() {}

    public static Arbitrary<MeterCommand> anyCommand() {
        return Arbitraries.oneOf(
                creditAmount(1).map(TopUp::new),
                creditAmount(1).map(DeductCredit::new),
                creditAmount(0).map(SetCredit::new),
                Combinators.combine(register(), Arbitraries.longs().between(1, 1_048_575))
                        .as(AddDebt::new),
                Combinators.combine(register(), Arbitraries.longs().between(1, 1_048_575))
                        .as(DeductDebt::new),
                setDebt(),
                Combinators.combine(price(), price(), effectiveFrom()).as(ChangePrice::new),
                timeOfUse(),
                friendlyCredit(),
                nonDisconnect(),
                Combinators.combine(
                                Arbitraries.of(OpenHan.Device.class),
                                Arbitraries.longs().between(1, 1440))
                        .as(OpenHan::new),
                Arbitraries.of(ChangeMode.Mode.class).map(ChangeMode::new),
                Arbitraries.just(new RevertToDefault()));
    }

    /** Pence with a GBCS value class: any pence up to 81.91, or whole pounds up to 8191. */
    public static Arbitrary<Long> creditAmount(long min) {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(min, 8191),
                Arbitraries.longs().between(82, 8191).map(pounds -> pounds * 100));
    }

    static Arbitrary<DebtRegister> register() {
        return Arbitraries.of(DebtRegister.class);
    }

    static Arbitrary<UnitPrice> price() {
        return Arbitraries.longs().between(0, UnitPrice.MAX).map(UnitPrice::new);
    }

    static Arbitrary<Optional<LocalDate>> effectiveFrom() {
        return Arbitraries.longs()
                .between(0, (1 << CodeTime.DATE_BITS) - 1)
                .map(day -> day == 0 ? Optional.<LocalDate>empty() : Optional.of(CodeTime.EPOCH_DATE.plusDays(day)));
    }

    static Arbitrary<LocalTime> quarterHour() {
        return Arbitraries.integers().between(0, 95).map(q -> LocalTime.of(q / 4, (q % 4) * 15));
    }

    static Arbitrary<MeterCommand> setDebt() {
        Arbitrary<Long> amount = Arbitraries.longs().between(0, 1_048_575);
        Arbitrary<MeterCommand> timeBased = Combinators.combine(
                        Arbitraries.of(DebtRegister.TIME_BASED_1, DebtRegister.TIME_BASED_2),
                        amount,
                        Arbitraries.longs().between(0, 65_535),
                        Arbitraries.of(SetDebt.Recovery.PER_DAY, SetDebt.Recovery.PER_HOUR))
                .as(SetDebt::new);
        Arbitrary<MeterCommand> paymentBased = Combinators.combine(
                        amount, Arbitraries.longs().between(0, 100))
                .as((a, percent) ->
                        new SetDebt(DebtRegister.PAYMENT_BASED, a, percent, SetDebt.Recovery.PERCENT_OF_TOP_UP));
        return Arbitraries.oneOf(timeBased, paymentBased);
    }

    static Arbitrary<MeterCommand> timeOfUse() {
        return Combinators.combine(price(), price(), quarterHour(), quarterHour(), price(), effectiveFrom())
                .filter((peak, off, start, end, standing, from) -> !start.equals(end))
                .as(ChangeTimeOfUsePrice::new);
    }

    static Arbitrary<MeterCommand> friendlyCredit() {
        return Combinators.combine(
                        Arbitraries.integers().between(1, 4),
                        quarterHour(),
                        quarterHour(),
                        Arbitraries.subsetOf(DayOfWeek.values()),
                        Arbitraries.of(true, false))
                .as(SetFriendlyCreditPeriod::new);
    }

    static Arbitrary<MeterCommand> nonDisconnect() {
        long lastQuarter = (1L << CodeTime.INSTANT_BITS) - 1;
        return Combinators.combine(
                        Arbitraries.longs().between(0, lastQuarter - 1),
                        Arbitraries.longs().between(1, 31 * 96))
                .filter((start, length) -> start + length <= lastQuarter)
                .as((start, length) -> {
                    Instant from = CodeTime.EPOCH_INSTANT.plus(start * 15, ChronoUnit.MINUTES);
                    return new SetNonDisconnectPeriod(from, from.plus(length * 15, ChronoUnit.MINUTES));
                });
    }
}
