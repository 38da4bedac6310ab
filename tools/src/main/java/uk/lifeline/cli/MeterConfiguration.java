package uk.lifeline.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import uk.lifeline.calendar.BankHolidayRegion;
import uk.lifeline.calendar.CalendarPeriod;
import uk.lifeline.calendar.FriendlyCreditSlot;
import uk.lifeline.calendar.NonDisablementCalendar;
import uk.lifeline.command.ChangeMode;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.command.ParameterOutOfRangeException;
import uk.lifeline.command.SetDebt;
import uk.lifeline.command.SetFriendlyCreditPeriod;
import uk.lifeline.prepay.Credit;
import uk.lifeline.prepay.Debts;
import uk.lifeline.prepay.MeterSettings;
import uk.lifeline.prepay.MeterState;
import uk.lifeline.prepay.PaymentDebt;
import uk.lifeline.prepay.RecoveryCap;
import uk.lifeline.prepay.SupplyState;
import uk.lifeline.prepay.TimeDebt;
import uk.lifeline.tariff.Block;
import uk.lifeline.tariff.SingleRate;
import uk.lifeline.tariff.Tariff;
import uk.lifeline.tariff.TimeOfUse;

/**
 * Reads a meter configuration (JSON; docs/tariff.md, "Meter configuration") into the state a simulation starts
 * from. Money in pounds, prices in pence, as the code tool takes them; friendly-credit slots and debts take the
 * parameters of the codes that set them. Stateless.
 */
final class MeterConfiguration {

    private MeterConfiguration() {}

    /** @throws IllegalArgumentException naming the member that is missing, unknown or out of range */
    static MeterState read(Object json, Instant asOf) {
        JsonSection meter = JsonSection.of("", json)
                .allowOnly(
                        "tariff",
                        "mode",
                        "bank-holidays",
                        "friendly-credit",
                        "emergency-credit-limit",
                        "emergency-credit-threshold",
                        "low-credit-threshold",
                        "disablement-threshold",
                        "maximum-meter-balance",
                        "maximum-credit-threshold",
                        "suspend-debt-emergency",
                        "suspend-debt-disabled",
                        "time-debt-cap",
                        "payment-debt-cap",
                        "state");
        Tariff tariff = tariff(meter.section("tariff"));
        MeterSettings defaults = MeterSettings.builder(tariff).build();
        NonDisablementCalendar calendar = NonDisablementCalendar.NONE;
        if (meter.has("friendly-credit")) {
            for (JsonSection slot : meter.sections("friendly-credit")) {
                SetFriendlyCreditPeriod command =
                        (SetFriendlyCreditPeriod) MeterCommand.parse("set-friendly-credit-period", slot.parameters());
                calendar = calendar.withSlot(command.slot(), FriendlyCreditSlot.of(command));
            }
        }
        MeterSettings settings = MeterSettings.builder(tariff)
                .defaultMode(meter.has("mode") ? meter.choice("mode", ChangeMode.Mode.class) : defaults.defaultMode())
                .bankHolidays(BankHolidayRegion.fromDivision(meter.text("bank-holidays", "england-and-wales")))
                .defaultFriendlyCredit(calendar)
                .emergencyCredit(
                        meter.pounds("emergency-credit-limit", defaults.emergencyCreditLimit()),
                        meter.pounds("emergency-credit-threshold", defaults.emergencyCreditThreshold()))
                .lowCreditThreshold(meter.pounds("low-credit-threshold", defaults.lowCreditThreshold()))
                .disablementThreshold(meter.pounds("disablement-threshold", defaults.disablementThreshold()))
                .maximums(
                        meter.pounds("maximum-meter-balance", defaults.maximumMeterBalance()),
                        meter.pounds("maximum-credit-threshold", defaults.maximumCreditThreshold()))
                .suspendDebt(
                        meter.bool("suspend-debt-emergency", defaults.suspendDebtEmergency()),
                        meter.bool("suspend-debt-disabled", defaults.suspendDebtDisabled()))
                .timeDebtCap(cap(meter, "time-debt-cap"))
                .paymentDebtCap(cap(meter, "payment-debt-cap"))
                .build();
        MeterState state = MeterState.initial(settings, asOf);
        return meter.has("state") ? withState(state, meter.section("state")) : state;
    }

    /** The customer's position when the simulation starts. */
    private static MeterState withState(MeterState state, JsonSection s) {
        s.allowOnly("balance", "emergency-credit", "debts", "accumulated-debt", "supply");
        boolean emergency = s.has("emergency-credit");
        state = state.withCredit(new Credit(s.pounds("balance", 0), emergency, s.pounds("emergency-credit", 0)));
        TimeDebt time1 = TimeDebt.NONE;
        TimeDebt time2 = TimeDebt.NONE;
        PaymentDebt payment = PaymentDebt.NONE;
        if (s.has("debts")) {
            for (JsonSection debt : s.sections("debts")) {
                SetDebt d = (SetDebt) MeterCommand.parse("set-debt", debt.parameters());
                switch (d.register()) {
                    case TIME_BASED_1:
                        time1 = new TimeDebt(d.amountPence(), d.rate(), d.recovery());
                        break;
                    case TIME_BASED_2:
                        time2 = new TimeDebt(d.amountPence(), d.rate(), d.recovery());
                        break;
                    default:
                        payment = new PaymentDebt(d.amountPence(), d.rate());
                        break;
                }
            }
        }
        state = state.withDebts(new Debts(time1, time2, payment, s.pounds("accumulated-debt", 0)));
        return s.has("supply") ? state.withSupply(s.choice("supply", SupplyState.class)) : state;
    }

    private static Tariff tariff(JsonSection t) {
        String type = t.text("type");
        switch (type) {
            case "single-rate":
                t.allowOnly("type", "unit-rate", "standing-charge");
                return new SingleRate(t.price("unit-rate"), t.price("standing-charge"));
            case "time-of-use": {
                t.allowOnly("type", "rates", "standing-charge");
                List<TimeOfUse.RateSwitch> switches = new ArrayList<>();
                for (JsonSection rate : t.sections("rates")) {
                    rate.allowOnly("from", "rate");
                    switches.add(new TimeOfUse.RateSwitch(rate.time("from"), rate.price("rate")));
                }
                return new TimeOfUse(switches, t.price("standing-charge"));
            }
            case "block": {
                t.allowOnly("type", "period", "blocks", "standing-charge");
                List<Block.Tier> tiers = new ArrayList<>();
                for (JsonSection tier : t.sections("blocks")) {
                    tier.allowOnly("up-to-kwh", "rate");
                    tiers.add(new Block.Tier(
                            tier.has("up-to-kwh")
                                    ? kwhToWattHours(tier.name("up-to-kwh"), tier.text("up-to-kwh"))
                                    : Block.UNLIMITED,
                            tier.price("rate")));
                }
                return new Block(tiers, t.choice("period", CalendarPeriod.class), t.price("standing-charge"));
            }
            default:
                throw new IllegalArgumentException(
                        t.path() + ".type '" + type + "' is not single-rate, time-of-use or block");
        }
    }

    private static Optional<RecoveryCap> cap(JsonSection meter, String member) {
        if (!meter.has(member)) {
            return Optional.empty();
        }
        JsonSection cap = meter.section(member).allowOnly("amount", "period");
        return Optional.of(new RecoveryCap(cap.pounds("amount"), cap.choice("period", CalendarPeriod.class)));
    }

    /** kWh to three decimals, as watt-hours. */
    static long kwhToWattHours(String name, String kwh) {
        try {
            BigDecimal value = new BigDecimal(kwh.trim());
            if (value.signum() < 0) {
                throw new ParameterOutOfRangeException(name, kwh, "kWh of 0 or more");
            }
            return value.setScale(3, RoundingMode.UNNECESSARY).movePointRight(3).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new ParameterOutOfRangeException(name, kwh, "kWh with at most three decimals, e.g. 0.125");
        }
    }
}
