package uk.lifeline.backend.demo;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import uk.lifeline.calendar.CalendarPeriod;
import uk.lifeline.calendar.FriendlyCreditSlot;
import uk.lifeline.calendar.NonDisablementCalendar;
import uk.lifeline.command.SetDebt;
import uk.lifeline.command.UnitPrice;
import uk.lifeline.prepay.Credit;
import uk.lifeline.prepay.Debts;
import uk.lifeline.prepay.MeterSettings;
import uk.lifeline.prepay.MeterState;
import uk.lifeline.prepay.PaymentDebt;
import uk.lifeline.prepay.RecoveryCap;
import uk.lifeline.prepay.SupplyState;
import uk.lifeline.prepay.TimeDebt;
import uk.lifeline.tariff.SingleRate;
import uk.lifeline.tariff.TimeOfUse;

/**
 * The modelled prepayment state of each demo meter (all money in pence), so previews show the tariff engine at
 * work from the first sign-in: a meter with payment-based and accumulated debt (a top-up's allocation), one in
 * emergency credit, one near its maximum balance (a top-up is refused), one on an Economy 7 tariff, one disabled
 * with a friendly-credit calendar, and one recovering time-based debt. Made up, like the rest of the demo data.
 */
final class DemoModels {

    private DemoModels() {}

    private static UnitPrice p(String pence) {
        return UnitPrice.ofPence(new java.math.BigDecimal(pence));
    }

    private static final SingleRate ELECTRICITY = new SingleRate(p("24.862"), p("60.10"));
    private static final SingleRate GAS = new SingleRate(p("6.296"), p("31.43"));
    private static final TimeOfUse ECONOMY_7 = new TimeOfUse(
            List.of(
                    new TimeOfUse.RateSwitch(LocalTime.of(0, 30), p("14.20")),
                    new TimeOfUse.RateSwitch(LocalTime.of(7, 30), p("27.50"))),
            p("55.00"));

    /** The state of the demo meter {@code eui64} at {@code at}, or empty for a device that has none (PPMID, hub). */
    static Optional<MeterState> of(String eui64, Instant at) {
        switch (eui64) {
            case "00DB1234567800A1": {
                // 12.34 credit, 150.00 payment-based debt at 10% of each top-up, 3.40 accumulated debt.
                MeterState s = MeterState.initial(
                        MeterSettings.builder(ELECTRICITY)
                                .paymentDebtCap(Optional.of(new RecoveryCap(1000, CalendarPeriod.WEEK)))
                                .build(),
                        at);
                return Optional.of(s.withCredit(new Credit(1234, false, 0))
                        .withDebts(new Debts(TimeDebt.NONE, TimeDebt.NONE, new PaymentDebt(15000, 10), 340)));
            }
            case "00DB1234567800A2": {
                // Gas in emergency credit: balance used up, 6.00 of the 10.00 emergency credit left.
                MeterState s = MeterState.initial(MeterSettings.builder(GAS).build(), at);
                return Optional.of(s.withCredit(new Credit(0, true, 600)));
            }
            case "00DB1234567800B1": {
                // Economy 7, 240.00 credit against a 250.00 maximum: a 20.00 top-up is refused.
                MeterState s =
                        MeterState.initial(MeterSettings.builder(ECONOMY_7).build(), at);
                return Optional.of(s.withCredit(new Credit(24000, false, 0)));
            }
            case "00DB1234567800C1": {
                MeterState s =
                        MeterState.initial(MeterSettings.builder(ELECTRICITY).build(), at);
                return Optional.of(s.withCredit(new Credit(3000, false, 0)));
            }
            case "00DB1234567800C2": {
                // Disabled with 2.50 accumulated debt; friendly credit on weekday evenings and weekends.
                NonDisablementCalendar friendly = NonDisablementCalendar.NONE
                        .withSlot(
                                1,
                                new FriendlyCreditSlot(
                                        LocalTime.of(16, 0),
                                        LocalTime.of(10, 0),
                                        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                                        true))
                        .withSlot(
                                2,
                                new FriendlyCreditSlot(
                                        LocalTime.MIDNIGHT,
                                        LocalTime.MIDNIGHT,
                                        EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                                        false));
                MeterState s = MeterState.initial(
                        MeterSettings.builder(GAS)
                                .defaultFriendlyCredit(friendly)
                                .build(),
                        at);
                return Optional.of(s.withDebts(new Debts(TimeDebt.NONE, TimeDebt.NONE, PaymentDebt.NONE, 250))
                        .withSupply(SupplyState.DISABLED));
            }
            case "00DB1234567800D1": {
                // 8.00 credit; 50.00 time-based debt recovered at 1.00 a day.
                MeterState s =
                        MeterState.initial(MeterSettings.builder(ELECTRICITY).build(), at);
                return Optional.of(s.withCredit(new Credit(800, false, 0))
                        .withDebts(new Debts(
                                new TimeDebt(5000, 100, SetDebt.Recovery.PER_DAY),
                                TimeDebt.NONE,
                                PaymentDebt.NONE,
                                0)));
            }
            default:
                return Optional.empty();
        }
    }
}
