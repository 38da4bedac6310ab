package uk.lifeline.prepay;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import uk.lifeline.calendar.BankHolidays;
import uk.lifeline.calendar.MeterTime;
import uk.lifeline.calendar.NonDisablementCalendar;
import uk.lifeline.calendar.NonDisconnectPeriod;
import uk.lifeline.calendar.PeriodTotal;
import uk.lifeline.command.ChangeMode.Mode;
import uk.lifeline.command.SetDebt;
import uk.lifeline.prepay.MeterEvent.ButtonPressed;
import uk.lifeline.prepay.MeterEvent.CodeEntered;
import uk.lifeline.tariff.Block;
import uk.lifeline.tariff.Rounding;
import uk.lifeline.tariff.Tariff;

/**
 * A {@link MeterState} unpacked into registers the rules change in place while one operation (or one simulation)
 * runs, with every change written to a timeline. The charging, debt-recovery and supply rules live here; the
 * commands' rules in {@link CommandRules}. Mutable and confined to one call on one thread: the world only sees
 * the {@link MeterState} it gives back.
 */
final class Registers {

    final MeterSettings settings;
    private final Predicate<LocalDate> bankHoliday;
    private final List<TimelineEntry> timeline;

    Instant at;
    LocalDateTime local;
    Mode mode;
    SupplyState supply;
    Tariff tariff;
    PendingTariff pending;
    long balance;
    boolean emergencyActive;
    long emergencyBalance;
    TimeDebt time1;
    TimeDebt time2;
    PaymentDebt payment;
    long accumulatedDebt;
    NonDisablementCalendar friendlyCredit;
    NonDisconnectPeriod nonDisconnect;
    HanWindow han;
    BigDecimal uncharged;
    PeriodTotal blockUse;
    PeriodTotal timeDebtRecovered;
    PeriodTotal paymentDebtRecovered;
    long toppedUp;
    long creditAdjusted;
    long chargesCollected;
    long chargesDeferred;
    long debtCollected;
    long debtAdjusted;

    Registers(MeterState s, List<TimelineEntry> timeline) {
        this.settings = s.settings();
        this.bankHoliday = BankHolidays.ukGov().in(settings.bankHolidays());
        this.timeline = timeline;
        at = s.asOf();
        local = MeterTime.local(at);
        mode = s.mode();
        supply = s.supply();
        tariff = s.tariff();
        pending = s.pendingTariff().orElse(null);
        balance = s.credit().meterBalance();
        emergencyActive = s.credit().emergencyCreditActive();
        emergencyBalance = s.credit().emergencyCreditBalance();
        time1 = s.debts().timeBased1();
        time2 = s.debts().timeBased2();
        payment = s.debts().paymentBased();
        accumulatedDebt = s.debts().accumulatedDebt();
        friendlyCredit = s.friendlyCredit();
        nonDisconnect = s.nonDisconnect().orElse(null);
        han = s.han().orElse(null);
        uncharged = s.accruals().unchargedPence();
        blockUse = s.accruals().blockUse();
        timeDebtRecovered = s.accruals().timeDebtRecovered();
        paymentDebtRecovered = s.accruals().paymentDebtRecovered();
        Totals t = s.totals();
        toppedUp = t.toppedUp();
        creditAdjusted = t.creditAdjusted();
        chargesCollected = t.chargesCollected();
        chargesDeferred = t.chargesDeferred();
        debtCollected = t.debtCollected();
        debtAdjusted = t.debtAdjusted();
    }

    MeterState toState() {
        return new MeterState(
                settings,
                at,
                mode,
                supply,
                tariff,
                Optional.ofNullable(pending),
                new Credit(balance, emergencyActive, emergencyBalance),
                new Debts(time1, time2, payment, accumulatedDebt),
                friendlyCredit,
                Optional.ofNullable(nonDisconnect),
                Optional.ofNullable(han),
                new Accruals(uncharged, blockUse, timeDebtRecovered, paymentDebtRecovered),
                new Totals(toppedUp, creditAdjusted, chargesCollected, chargesDeferred, debtCollected, debtAdjusted));
    }

    /** Moves the meter's clock on; time never runs backwards. */
    void moveTo(Instant when, LocalDateTime localWhen) {
        if (when.isBefore(at)) {
            throw new IllegalArgumentException("the meter is at " + at + "; it cannot go back to " + when);
        }
        at = when;
        local = localWhen;
    }

    long available() {
        return balance + emergencyBalance;
    }

    long emergencyUsed() {
        return emergencyActive ? settings.emergencyCreditLimit() - emergencyBalance : 0;
    }

    /** Inside a friendly-credit window or the non-disconnect period. */
    boolean isProtected() {
        return (nonDisconnect != null && nonDisconnect.contains(at)) || friendlyCredit.covers(local, bankHoliday);
    }

    void record(Change change, long amount, String note) {
        timeline.add(new TimelineEntry(
                at,
                change,
                amount,
                note,
                balance,
                emergencyActive,
                emergencyBalance,
                time1.amountPence(),
                time2.amountPence(),
                payment.amountPence(),
                accumulatedDebt,
                supply));
    }

    /**
     * Does one event and, unless it is refused, settles the supply and raises any warning it crossed.
     *
     * @return null when done; the refusal when refused, with nothing changed
     */
    Denied perform(MeterEvent event) {
        long availableBefore = available();
        long balanceBefore = balance;
        Denied denied;
        if (event instanceof CodeEntered code) {
            denied = CommandRules.apply(this, code.command());
        } else if (event instanceof ButtonPressed) {
            denied = pressButton();
        } else {
            denied = requestEmergencyCredit();
        }
        if (denied == null) {
            settleSupply();
            notice(availableBefore, balanceBefore);
        }
        return denied;
    }

    /** Charges the energy used in the half hour that started at local time {@code start}. */
    void chargeHalfHour(LocalDateTime start, long wattHours) {
        long usedBefore = 0;
        if (tariff instanceof Block block) {
            LocalDate day = start.toLocalDate();
            usedBefore = blockUse.in(block.period(), day);
            blockUse = blockUse.plus(block.period(), day, wattHours);
        }
        if (wattHours > 0) {
            charge(Change.ENERGY_CHARGE, tariff.halfHourCharge(start.toLocalTime(), wattHours, usedBefore));
        }
    }

    /** Meter-local midnight: a scheduled tariff due today comes in, then the day's standing charge and debt. */
    void startDay(LocalDate day) {
        if (pending != null && !pending.from().isAfter(day)) {
            tariff = pending.tariff();
            pending = null;
            record(Change.PRICE_SWITCHED, 0, "scheduled from " + day);
        }
        charge(Change.STANDING_CHARGE, tariff.standingCharge().pence());
        recoverTimeDebt(SetDebt.Recovery.PER_DAY);
    }

    /** Takes an exact charge: whole pence from credit (fraction carried), the rest to accumulated debt. */
    private void charge(Change kind, BigDecimal exactPence) {
        if (mode == Mode.CREDIT) {
            return;
        }
        Rounding.Accrued accrued = Rounding.accrue(uncharged, exactPence);
        uncharged = accrued.carry();
        long due = accrued.wholePence();
        if (due > 0) {
            long rest = takeFromCredit(kind, due, "");
            chargesCollected = Money.plus("charges collected", chargesCollected, due - rest);
            if (rest > 0) {
                accumulatedDebt = Money.plus("accumulated debt", accumulatedDebt, rest);
                chargesDeferred = Money.plus("charges deferred", chargesDeferred, rest);
                record(Change.CHARGE_TO_ACCUMULATED_DEBT, rest, kind.code());
            }
        }
    }

    /** Takes up to {@code pence} from the meter balance, then emergency credit; returns what credit could not cover. */
    private long takeFromCredit(Change kind, long pence, String note) {
        long fromBalance = Math.min(pence, Math.max(0, balance));
        balance -= fromBalance;
        long rest = pence - fromBalance;
        long fromEmergency = Math.min(rest, emergencyBalance);
        emergencyBalance -= fromEmergency;
        rest -= fromEmergency;
        if (rest < pence) {
            record(kind, pence - rest, note);
        }
        return rest;
    }

    /** Recovers the time-based registers that recover {@code per} day or hour, unless recovery is suspended. */
    void recoverTimeDebt(SetDebt.Recovery per) {
        if (mode == Mode.CREDIT
                || (settings.suspendDebtEmergency() && emergencyActive)
                || (settings.suspendDebtDisabled() && supply == SupplyState.DISABLED)) {
            return;
        }
        time1 = recover(time1, per, "time-based-1");
        time2 = recover(time2, per, "time-based-2");
    }

    private TimeDebt recover(TimeDebt debt, SetDebt.Recovery per, String register) {
        if (debt.per() != per || debt.ratePence() == 0 || debt.amountPence() == 0) {
            return debt;
        }
        long due = Math.min(debt.ratePence(), debt.amountPence());
        if (settings.timeDebtCap().isPresent()) {
            RecoveryCap cap = settings.timeDebtCap().get();
            LocalDate today = local.toLocalDate();
            due = Math.min(due, cap.amountPence() - timeDebtRecovered.in(cap.period(), today));
            if (due <= 0) {
                return debt;
            }
            timeDebtRecovered = timeDebtRecovered.plus(cap.period(), today, due);
        }
        long rest = takeFromCredit(Change.TIME_DEBT_RECOVERY, due, register);
        debtCollected = Money.plus("debt collected", debtCollected, due - rest);
        if (rest > 0) {
            accumulatedDebt = Money.plus("accumulated debt", accumulatedDebt, rest);
            record(Change.TIME_DEBT_TO_ACCUMULATED_DEBT, rest, register);
        }
        return debt.withAmount(debt.amountPence() - due);
    }

    /** Whether the meter offers emergency credit now. */
    boolean emergencyCreditOffered() {
        return mode == Mode.PREPAYMENT
                && !emergencyActive
                && settings.emergencyCreditLimit() > 0
                && balance < settings.emergencyCreditThreshold();
    }

    private Denied requestEmergencyCredit() {
        if (!emergencyCreditOffered()) {
            String why = emergencyActive
                    ? "emergency credit is already active"
                    : mode == Mode.CREDIT
                            ? "the meter is in credit mode"
                            : settings.emergencyCreditLimit() == 0
                                    ? "this meter has no emergency credit"
                                    : "the meter balance " + balance + "p is not below the threshold "
                                            + settings.emergencyCreditThreshold() + "p";
            return new Denied(Refusal.EMERGENCY_CREDIT_UNAVAILABLE, why);
        }
        emergencyActive = true;
        emergencyBalance = settings.emergencyCreditLimit();
        record(Change.EMERGENCY_CREDIT_ACTIVATED, emergencyBalance, "");
        return null;
    }

    private Denied pressButton() {
        if (supply != SupplyState.ARMED) {
            return new Denied(Refusal.SUPPLY_NOT_ARMED, "the supply is " + supply.code());
        }
        supply = SupplyState.ENABLED;
        record(Change.SUPPLY_ENABLED, 0, "button pressed");
        return null;
    }

    /**
     * The disablement rule: in prepayment mode, with available credit at or below the disablement threshold and
     * outside friendly-credit and non-disconnect periods, the supply is disabled. A disabled supply is armed once
     * credit is back above the threshold, a protected period begins, or the meter goes to credit mode.
     */
    void settleSupply() {
        boolean exhausted = mode == Mode.PREPAYMENT && available() <= settings.disablementThreshold();
        if (supply == SupplyState.DISABLED) {
            if (!exhausted) {
                supply = SupplyState.ARMED;
                record(Change.SUPPLY_ARMED, 0, mode == Mode.CREDIT ? "credit mode" : "credit above the threshold");
            } else if (isProtected()) {
                supply = SupplyState.ARMED;
                record(Change.SUPPLY_ARMED, 0, "friendly-credit or non-disconnect period");
            }
        } else if (exhausted && !isProtected()) {
            supply = SupplyState.DISABLED;
            record(Change.SUPPLY_DISABLED, 0, "credit at or below the disablement threshold");
        }
    }

    /** Raises the low-credit and emergency-credit warnings when a change crosses their thresholds. */
    void notice(long availableBefore, long balanceBefore) {
        if (mode != Mode.PREPAYMENT) {
            return;
        }
        long threshold = settings.lowCreditThreshold();
        if (availableBefore >= threshold && available() < threshold) {
            record(Change.LOW_CREDIT, 0, "");
        }
        if (balanceBefore >= settings.emergencyCreditThreshold() && emergencyCreditOffered()) {
            record(Change.EMERGENCY_CREDIT_AVAILABLE, settings.emergencyCreditLimit(), "");
        }
    }

    /** Everything revert-to-default removes or restores; the removed credit and debt count as adjustments. */
    void revertToDefault() {
        creditAdjusted -= balance - emergencyUsed();
        debtAdjusted -= time1.amountPence() + time2.amountPence() + payment.amountPence() + accumulatedDebt;
        mode = settings.defaultMode();
        tariff = settings.defaultTariff();
        pending = null;
        balance = 0;
        emergencyActive = false;
        emergencyBalance = 0;
        time1 = TimeDebt.NONE;
        time2 = TimeDebt.NONE;
        payment = PaymentDebt.NONE;
        accumulatedDebt = 0;
        friendlyCredit = settings.defaultFriendlyCredit();
        nonDisconnect = null;
        han = null;
        timeDebtRecovered = PeriodTotal.NONE;
        paymentDebtRecovered = PeriodTotal.NONE;
    }
}
