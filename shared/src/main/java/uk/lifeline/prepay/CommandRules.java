package uk.lifeline.prepay;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import uk.lifeline.calendar.FriendlyCreditSlot;
import uk.lifeline.calendar.NonDisconnectPeriod;
import uk.lifeline.command.AddDebt;
import uk.lifeline.command.ChangeMode;
import uk.lifeline.command.ChangePrice;
import uk.lifeline.command.ChangeTimeOfUsePrice;
import uk.lifeline.command.DebtRegister;
import uk.lifeline.command.DeductCredit;
import uk.lifeline.command.DeductDebt;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.command.OpenHan;
import uk.lifeline.command.SetCredit;
import uk.lifeline.command.SetDebt;
import uk.lifeline.command.SetFriendlyCreditPeriod;
import uk.lifeline.command.SetNonDisconnectPeriod;
import uk.lifeline.command.TopUp;
import uk.lifeline.tariff.SingleRate;
import uk.lifeline.tariff.Tariff;
import uk.lifeline.tariff.TimeOfUse;

/**
 * What each decoded command does to a meter's registers. Every check that can refuse a command runs before
 * anything changes, so a refused command changes nothing. Stateless.
 */
final class CommandRules {

    private CommandRules() {}

    /** @return null when applied, or the refusal */
    static Denied apply(Registers r, MeterCommand command) {
        String note = describe(command);
        if (command instanceof TopUp c) {
            return topUp(r, c.amountPence());
        } else if (command instanceof DeductCredit c) {
            r.balance = Money.minus("meter balance", r.balance, c.amountPence());
            r.creditAdjusted = Money.minus("credit adjusted", r.creditAdjusted, c.amountPence());
            r.record(Change.CREDIT_DEDUCTED, c.amountPence(), note);
        } else if (command instanceof SetCredit c) {
            if (c.balancePence() > r.settings.maximumMeterBalance()) {
                return overMaximum(r, c.balancePence());
            }
            r.creditAdjusted = Money.plus(
                    "credit adjusted", r.creditAdjusted, Money.minus("credit set", c.balancePence(), r.balance));
            r.balance = c.balancePence();
            r.record(Change.CREDIT_SET, c.balancePence(), note);
        } else if (command instanceof AddDebt c) {
            changeDebt(r, c.register(), Money.plus("debt", debt(r, c.register()), c.amountPence()));
            r.record(Change.DEBT_ADDED, c.amountPence(), note);
        } else if (command instanceof DeductDebt c) {
            long taken = Math.min(c.amountPence(), debt(r, c.register()));
            changeDebt(r, c.register(), debt(r, c.register()) - taken);
            r.record(Change.DEBT_DEDUCTED, taken, note);
        } else if (command instanceof SetDebt c) {
            setDebt(r, c);
            r.record(Change.DEBT_SET, c.amountPence(), note);
        } else if (command instanceof ChangePrice c) {
            changeTariff(r, SingleRate.of(c), c.effectiveFrom(), note);
        } else if (command instanceof ChangeTimeOfUsePrice c) {
            changeTariff(r, TimeOfUse.of(c), c.effectiveFrom(), note);
        } else if (command instanceof SetFriendlyCreditPeriod c) {
            r.friendlyCredit = r.friendlyCredit.withSlot(c.slot(), FriendlyCreditSlot.of(c));
            r.record(Change.FRIENDLY_CREDIT_SET, 0, note);
        } else if (command instanceof SetNonDisconnectPeriod c) {
            if (!c.end().isAfter(r.at)) {
                return new Denied(Refusal.PERIOD_ENDED, "the period ended at " + c.end() + ", before " + r.at);
            }
            r.nonDisconnect = NonDisconnectPeriod.of(c);
            r.record(Change.NON_DISCONNECT_SET, 0, note);
        } else if (command instanceof OpenHan c) {
            r.han = new HanWindow(c.device(), r.at.plus(c.window()));
            r.record(Change.HAN_OPENED, 0, note);
        } else if (command instanceof ChangeMode c) {
            r.mode = c.mode();
            r.record(Change.MODE_CHANGED, 0, note);
        } else {
            r.revertToDefault();
            r.record(Change.REVERTED_TO_DEFAULT, 0, note);
        }
        return null;
    }

    /** Shares a top-up out in the order {@link TopUpAllocation} gives, unless a maximum refuses it. */
    private static Denied topUp(Registers r, long amount) {
        MeterSettings s = r.settings;
        if (r.mode == ChangeMode.Mode.CREDIT) {
            return new Denied(Refusal.CREDIT_MODE, "the meter is in credit mode");
        }
        if (amount > s.maximumCreditThreshold()) {
            return new Denied(
                    Refusal.OVER_MAXIMUM_CREDIT,
                    "a top-up of " + amount + "p is over the maximum credit threshold of " + s.maximumCreditThreshold()
                            + "p");
        }
        LocalDate today = r.local.toLocalDate();
        long capLeft = s.paymentDebtCap().isPresent()
                ? s.paymentDebtCap().get().amountPence()
                        - r.paymentDebtRecovered.in(s.paymentDebtCap().get().period(), today)
                : Long.MAX_VALUE;
        TopUpAllocation a = TopUpAllocation.of(
                amount, r.payment, capLeft, r.accumulatedDebt, r.balance, s.disablementThreshold(), r.emergencyUsed());
        // Exact: a wrapped sum would slip under the maximum and be "applied" (issue 12).
        long newBalance =
                Money.plus("meter balance", Money.plus("meter balance", r.balance, a.shortfall()), a.balance());
        if (newBalance > s.maximumMeterBalance()) {
            return overMaximum(r, newBalance);
        }
        r.toppedUp = Money.plus("topped up", r.toppedUp, amount);
        r.record(Change.TOP_UP, amount, "");
        if (a.paymentDebt() > 0) {
            r.payment = r.payment.withAmount(r.payment.amountPence() - a.paymentDebt());
            if (s.paymentDebtCap().isPresent()) {
                r.paymentDebtRecovered =
                        r.paymentDebtRecovered.plus(s.paymentDebtCap().get().period(), today, a.paymentDebt());
            }
            r.debtCollected += a.paymentDebt();
            r.record(Change.PAYMENT_DEBT_RECOVERY, a.paymentDebt(), "");
        }
        if (a.accumulatedDebt() > 0) {
            r.accumulatedDebt -= a.accumulatedDebt();
            r.debtCollected += a.accumulatedDebt();
            r.record(Change.ACCUMULATED_DEBT_REPAID, a.accumulatedDebt(), "");
        }
        if (a.shortfall() > 0) {
            r.balance += a.shortfall();
            r.record(Change.SHORTFALL_REPAID, a.shortfall(), "");
        }
        if (a.emergencyCredit() > 0) {
            r.emergencyBalance += a.emergencyCredit();
            r.record(Change.EMERGENCY_CREDIT_REPAID, a.emergencyCredit(), "");
        }
        if (r.emergencyActive && r.emergencyUsed() == 0) {
            // Repaid in full: emergency credit stops counting as credit until it is activated again.
            r.emergencyActive = false;
            r.emergencyBalance = 0;
            r.record(Change.EMERGENCY_CREDIT_CLEARED, 0, "");
        }
        if (a.balance() > 0) {
            r.balance += a.balance();
            r.record(Change.CREDIT_ADDED, a.balance(), "");
        }
        return null;
    }

    private static Denied overMaximum(Registers r, long newBalance) {
        return new Denied(
                Refusal.OVER_MAXIMUM_BALANCE,
                "the meter balance would be " + newBalance + "p, over the maximum meter balance of "
                        + r.settings.maximumMeterBalance() + "p");
    }

    /** A dated price waits for meter-local midnight of its date; an undated one, or one already due, is at once. */
    private static void changeTariff(Registers r, Tariff tariff, Optional<LocalDate> from, String note) {
        if (from.isPresent() && from.get().isAfter(r.local.toLocalDate())) {
            r.pending = new PendingTariff(from.get(), tariff);
            r.record(Change.PRICE_SCHEDULED, 0, note);
        } else {
            r.tariff = tariff;
            r.record(Change.PRICE_CHANGED, 0, note);
        }
    }

    private static long debt(Registers r, DebtRegister register) {
        switch (register) {
            case TIME_BASED_1:
                return r.time1.amountPence();
            case TIME_BASED_2:
                return r.time2.amountPence();
            default:
                return r.payment.amountPence();
        }
    }

    private static void changeDebt(Registers r, DebtRegister register, long amount) {
        r.debtAdjusted = Money.plus("debt adjusted", r.debtAdjusted, Money.minus("debt", amount, debt(r, register)));
        switch (register) {
            case TIME_BASED_1:
                r.time1 = r.time1.withAmount(amount);
                break;
            case TIME_BASED_2:
                r.time2 = r.time2.withAmount(amount);
                break;
            default:
                r.payment = r.payment.withAmount(amount);
                break;
        }
    }

    private static void setDebt(Registers r, SetDebt c) {
        changeDebt(r, c.register(), c.amountPence());
        switch (c.register()) {
            case TIME_BASED_1:
                r.time1 = new TimeDebt(c.amountPence(), c.rate(), c.recovery());
                break;
            case TIME_BASED_2:
                r.time2 = new TimeDebt(c.amountPence(), c.rate(), c.recovery());
                break;
            default:
                r.payment = new PaymentDebt(c.amountPence(), c.rate());
                break;
        }
    }

    /** The command as the CLI writes it, e.g. {@code top-up amount=12.34}. */
    static String describe(MeterCommand command) {
        StringBuilder text = new StringBuilder(command.type().commandName());
        for (Map.Entry<String, String> p : command.parameters().entrySet()) {
            text.append(' ').append(p.getKey()).append('=').append(p.getValue());
        }
        return text.toString();
    }
}
