package uk.lifeline.prepay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.lifeline.prepay.Meters.at;
import static uk.lifeline.prepay.Meters.command;
import static uk.lifeline.prepay.Meters.meter;
import static uk.lifeline.prepay.Meters.price;
import static uk.lifeline.prepay.Meters.settings;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.lifeline.calendar.CalendarPeriod;
import uk.lifeline.command.ChangeMode;
import uk.lifeline.command.DebtRegister;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.command.OpenHan;
import uk.lifeline.command.SetDebt;
import uk.lifeline.tariff.SingleRate;
import uk.lifeline.tariff.TimeOfUse;

class MeterEngineTest {

    private static final String NOW = "2026-12-02T12:00:00Z";

    private static Outcome.Applied applied(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Applied.class);
        return (Outcome.Applied) outcome;
    }

    private static Outcome.Refused refused(Outcome outcome, MeterState before, Refusal reason) {
        assertThat(outcome).isInstanceOf(Outcome.Refused.class);
        Outcome.Refused refused = (Outcome.Refused) outcome;
        assertThat(refused.reason()).isEqualTo(reason);
        assertThat(refused.state()).isSameAs(before);
        return refused;
    }

    private static Outcome apply(MeterState state, MeterCommand command) {
        return MeterEngine.apply(state, command, at(NOW));
    }

    @Test
    void aTopUpAddsCreditAndSaysWhereItWent() {
        Outcome.Applied a = applied(apply(meter(NOW, 500), command("top-up", "amount=10.00")));
        assertThat(a.state().credit().meterBalance()).isEqualTo(1500);
        assertThat(a.changes())
                .extracting(TimelineEntry::change, TimelineEntry::amountPence)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Change.TOP_UP, 1000L),
                        org.assertj.core.groups.Tuple.tuple(Change.CREDIT_ADDED, 1000L));
        assertThat(a.state().totals().toppedUp()).isEqualTo(1000);
        assertThat(a.state().asOf()).isEqualTo(at(NOW));
    }

    @Test
    void aTopUpOverTheMaximumCreditThresholdIsRefusedAndChangesNothing() {
        MeterState before = meter(NOW, 500);
        Outcome.Refused r =
                refused(apply(before, command("top-up", "amount=101")), before, Refusal.OVER_MAXIMUM_CREDIT);
        assertThat(r.detail()).contains("10100p").contains("10000p");
    }

    @Test
    void aTopUpThatWouldTakeTheBalanceOverTheMaximumIsRefused() {
        MeterState before = meter(NOW, 24_000);
        Outcome.Refused r =
                refused(apply(before, command("top-up", "amount=20.00")), before, Refusal.OVER_MAXIMUM_BALANCE);
        assertThat(r.detail()).contains("26000p").contains("25000p");
        assertThat(applied(apply(before, command("top-up", "amount=10.00")))
                        .state()
                        .credit()
                        .meterBalance())
                .isEqualTo(25_000);
    }

    @Test
    void creditThatGoesToDebtDoesNotCountTowardsTheMaximumBalance() {
        MeterState before =
                meter(NOW, 24_000).withDebts(new Debts(TimeDebt.NONE, TimeDebt.NONE, PaymentDebt.NONE, 1500));
        assertThat(applied(apply(before, command("top-up", "amount=20.00")))
                        .state()
                        .credit()
                        .meterBalance())
                .isEqualTo(24_500);
    }

    @Test
    void aTopUpInCreditModeIsRefused() {
        MeterState before = meter(NOW, 500).withMode(ChangeMode.Mode.CREDIT);
        refused(apply(before, command("top-up", "amount=10.00")), before, Refusal.CREDIT_MODE);
    }

    @Test
    void aTopUpRepaysEmergencyCreditAndClearsItWhenRepaidInFull() {
        MeterState inEmergency = meter(NOW, 0).withCredit(new Credit(0, true, 300));
        Outcome.Applied partly = applied(apply(inEmergency, command("top-up", "amount=5.00")));
        assertThat(partly.state().credit()).isEqualTo(new Credit(0, true, 800));
        assertThat(partly.state().emergencyCreditUsed()).isEqualTo(200);
        Outcome.Applied fully = applied(apply(partly.state(), command("top-up", "amount=5.00")));
        assertThat(fully.state().credit()).isEqualTo(new Credit(300, false, 0));
        assertThat(fully.changes())
                .extracting(TimelineEntry::change)
                .containsExactly(
                        Change.TOP_UP,
                        Change.EMERGENCY_CREDIT_REPAID,
                        Change.EMERGENCY_CREDIT_CLEARED,
                        Change.CREDIT_ADDED);
    }

    @Test
    void deductCreditCanTakeTheBalanceBelowZeroAndDisablesTheSupply() {
        Outcome.Applied a = applied(apply(meter(NOW, 300), command("deduct-credit", "amount=5.00")));
        assertThat(a.state().credit().meterBalance()).isEqualTo(-200);
        assertThat(a.state().supply()).isEqualTo(SupplyState.DISABLED);
        assertThat(a.state().totals().creditAdjusted()).isEqualTo(-500);
        Outcome.Applied topUp = applied(apply(a.state(), command("top-up", "amount=5.00")));
        assertThat(topUp.changes())
                .extracting(TimelineEntry::change, TimelineEntry::amountPence)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(Change.SHORTFALL_REPAID, 200L),
                        org.assertj.core.groups.Tuple.tuple(Change.CREDIT_ADDED, 300L),
                        org.assertj.core.groups.Tuple.tuple(Change.SUPPLY_ARMED, 0L));
        assertThat(topUp.state().supply()).isEqualTo(SupplyState.ARMED);
    }

    @Test
    void setCreditSetsTheBalanceUnlessOverTheMaximum() {
        Outcome.Applied a = applied(apply(meter(NOW, 300), command("set-credit", "balance=20.00")));
        assertThat(a.state().credit().meterBalance()).isEqualTo(2000);
        assertThat(a.state().totals().creditAdjusted()).isEqualTo(1700);
        MeterState before = meter(settings().maximums(1000, 1000).build(), NOW, 300);
        refused(apply(before, command("set-credit", "balance=20.00")), before, Refusal.OVER_MAXIMUM_BALANCE);
    }

    @Test
    void debtCanBeAddedDeductedAndSet() {
        MeterState s = applied(apply(meter(NOW, 300), command("add-debt", "register=time-based-2", "amount=120.00")))
                .state();
        assertThat(s.debts().timeBased2().amountPence()).isEqualTo(12_000);
        s = applied(apply(s, command("deduct-debt", "register=time-based-2", "amount=200.00")))
                .state();
        assertThat(s.debts().timeBased2().amountPence()).as("never below zero").isZero();
        s = applied(apply(
                        s,
                        command("set-debt", "register=time-based-1", "amount=50.00", "rate=0.25", "period=per-hour")))
                .state();
        assertThat(s.debts().timeBased1()).isEqualTo(new TimeDebt(5000, 25, SetDebt.Recovery.PER_HOUR));
        s = applied(apply(s, command("set-debt", "register=payment-based", "amount=300.00", "percent=25")))
                .state();
        assertThat(s.debts().paymentBased()).isEqualTo(new PaymentDebt(30_000, 25));
        assertThat(s.debts().amount(DebtRegister.PAYMENT_BASED)).isEqualTo(30_000);
        assertThat(s.totals().debtAdjusted()).isEqualTo(12_000 - 12_000 + 5000 + 30_000);
    }

    @Test
    void anUndatedPriceChangesAtOnce() {
        MeterState s = applied(
                        apply(meter(NOW, 300), command("change-price", "unit-rate=24.862", "standing-charge=60.97")))
                .state();
        assertThat(s.tariff()).isEqualTo(new SingleRate(price("24.862"), price("60.97")));
        assertThat(s.pendingTariff()).isEmpty();
    }

    @Test
    void aDatedPriceWaitsForItsDayAndOneAlreadyDueChangesAtOnce() {
        MeterState before = meter(NOW, 300);
        Outcome.Applied scheduled = applied(
                apply(before, command("change-price", "unit-rate=30", "standing-charge=60", "from=2027-04-01")));
        assertThat(scheduled.state().tariff()).isEqualTo(before.tariff());
        assertThat(scheduled.state().pendingTariff())
                .contains(new PendingTariff(LocalDate.of(2027, 4, 1), new SingleRate(price("30"), price("60"))));
        assertThat(scheduled.changes()).extracting(TimelineEntry::change).containsExactly(Change.PRICE_SCHEDULED);
        MeterState today = applied(
                        apply(before, command("change-price", "unit-rate=30", "standing-charge=60", "from=2026-12-02")))
                .state();
        assertThat(today.tariff()).isEqualTo(new SingleRate(price("30"), price("60")));
        // A price entered "at once" later leaves the scheduled one in place.
        MeterState both = applied(
                        apply(scheduled.state(), command("change-price", "unit-rate=20", "standing-charge=40")))
                .state();
        assertThat(both.pendingTariff()).isEqualTo(scheduled.state().pendingTariff());
    }

    @Test
    void aTimeOfUsePriceBecomesATwoRateTariff() {
        MeterState s = applied(apply(
                        meter(NOW, 300),
                        command(
                                "change-time-of-use-price",
                                "peak-rate=27.03",
                                "off-peak-rate=12.5",
                                "off-peak-start=23:30",
                                "off-peak-end=06:30",
                                "standing-charge=53.35")))
                .state();
        assertThat(s.tariff()).isInstanceOf(TimeOfUse.class);
        assertThat(((TimeOfUse) s.tariff()).rateAt(java.time.LocalTime.of(1, 0)))
                .isEqualTo(price("12.5"));
    }

    @Test
    void friendlyCreditSlotsAreSetAndCleared() {
        MeterState s = applied(apply(
                        meter(NOW, 300),
                        command("set-friendly-credit-period", "slot=3", "start=16:00", "end=10:00", "days=weekdays")))
                .state();
        assertThat(s.friendlyCredit().slot(3).isEmpty()).isFalse();
        s = applied(apply(s, command("set-friendly-credit-period", "slot=3", "start=16:00", "end=10:00", "days=none")))
                .state();
        assertThat(s.friendlyCredit().slot(3).isEmpty()).isTrue();
    }

    @Test
    void aNonDisconnectPeriodThatHasEndedIsRefused() {
        MeterState before = meter(NOW, 300);
        Outcome.Refused r = refused(
                apply(
                        before,
                        command("set-non-disconnect-period", "start=2026-12-01T06:00:00Z", "end=2026-12-02T12:00:00Z")),
                before,
                Refusal.PERIOD_ENDED);
        assertThat(r.detail()).contains("2026-12-02T12:00:00Z");
    }

    @Test
    void aNonDisconnectPeriodArmsADisabledSupplyAtOnce() {
        MeterState off = meter(NOW, 0).withSupply(SupplyState.DISABLED);
        Outcome.Applied a = applied(apply(
                off, command("set-non-disconnect-period", "start=2026-12-02T06:00:00Z", "end=2026-12-04T06:00:00Z")));
        assertThat(a.state().supply()).isEqualTo(SupplyState.ARMED);
        assertThat(a.state().nonDisconnect()).isPresent();
        Outcome.Applied restored = applied(MeterEngine.pressButton(a.state(), at("2026-12-02T12:05:00Z")));
        assertThat(restored.state().supply()).isEqualTo(SupplyState.ENABLED);
    }

    @Test
    void openHanRecordsTheJoinWindow() {
        MeterState s = applied(apply(meter(NOW, 300), command("open-han", "device=ppmid", "minutes=60")))
                .state();
        assertThat(s.han()).contains(new HanWindow(OpenHan.Device.PPMID, at("2026-12-02T13:00:00Z")));
        assertThat(s.han().get().isOpenAt(at("2026-12-02T12:59:59Z"))).isTrue();
        assertThat(s.han().get().isOpenAt(at("2026-12-02T13:00:00Z"))).isFalse();
    }

    @Test
    void creditModeNeverDisablesAndArmsADisabledSupply() {
        MeterState off = meter(NOW, 0).withSupply(SupplyState.DISABLED);
        MeterState credit =
                applied(apply(off, command("change-mode", "mode=credit"))).state();
        assertThat(credit.mode()).isEqualTo(ChangeMode.Mode.CREDIT);
        assertThat(credit.supply()).isEqualTo(SupplyState.ARMED);
        MeterState back = applied(apply(credit, command("change-mode", "mode=prepayment")))
                .state();
        assertThat(back.supply()).isEqualTo(SupplyState.DISABLED);
    }

    @Test
    void revertToDefaultRemovesTheCustomersDataAndCountsItAsAnAdjustment() {
        MeterSettings settings = settings()
                .timeDebtCap(Optional.of(new RecoveryCap(100, CalendarPeriod.WEEK)))
                .build();
        MeterState s = meter(settings, NOW, 700)
                .withCredit(new Credit(700, true, 400))
                .withDebts(new Debts(
                        new TimeDebt(100, 10, SetDebt.Recovery.PER_DAY), TimeDebt.NONE, new PaymentDebt(200, 10), 50))
                .withTariff(new SingleRate(price("30"), price("60")), Optional.empty());
        MeterState reverted =
                applied(apply(s, new uk.lifeline.command.RevertToDefault())).state();
        assertThat(reverted.credit()).isEqualTo(Credit.NONE);
        assertThat(reverted.debts()).isEqualTo(Debts.NONE);
        assertThat(reverted.tariff()).isEqualTo(Meters.TEN_PENCE);
        assertThat(reverted.supply()).isEqualTo(SupplyState.DISABLED);
        assertThat(reverted.totals().creditAdjusted()).isEqualTo(-(700 - 600));
        assertThat(reverted.totals().debtAdjusted()).isEqualTo(-350);
    }

    @Test
    void theButtonRestoresOnlyAnArmedSupply() {
        MeterState on = meter(NOW, 300);
        refused(MeterEngine.pressButton(on, at(NOW)), on, Refusal.SUPPLY_NOT_ARMED);
        MeterState armed = on.withSupply(SupplyState.ARMED);
        assertThat(applied(MeterEngine.pressButton(armed, at(NOW))).state().supply())
                .isEqualTo(SupplyState.ENABLED);
    }

    @Test
    void emergencyCreditIsOfferedOnlyBelowItsThreshold() {
        MeterState high = meter(NOW, 100);
        assertThat(refused(
                                MeterEngine.requestEmergencyCredit(high, at(NOW)),
                                high,
                                Refusal.EMERGENCY_CREDIT_UNAVAILABLE)
                        .detail())
                .contains("not below the threshold");
        MeterState low = meter(NOW, 99);
        MeterState active =
                applied(MeterEngine.requestEmergencyCredit(low, at(NOW))).state();
        assertThat(active.credit()).isEqualTo(new Credit(99, true, 1000));
        refused(MeterEngine.requestEmergencyCredit(active, at(NOW)), active, Refusal.EMERGENCY_CREDIT_UNAVAILABLE);
        MeterState none = meter(settings().emergencyCredit(0, 100).build(), NOW, 0);
        refused(MeterEngine.requestEmergencyCredit(none, at(NOW)), none, Refusal.EMERGENCY_CREDIT_UNAVAILABLE);
        MeterState credit = low.withMode(ChangeMode.Mode.CREDIT);
        refused(MeterEngine.requestEmergencyCredit(credit, at(NOW)), credit, Refusal.EMERGENCY_CREDIT_UNAVAILABLE);
    }

    @Test
    void emergencyCreditArmsASupplyDisabledForLackOfCredit() {
        MeterState off = meter(NOW, 0).withSupply(SupplyState.DISABLED);
        Outcome.Applied a = applied(MeterEngine.requestEmergencyCredit(off, at(NOW)));
        assertThat(a.changes())
                .extracting(TimelineEntry::change)
                .containsExactly(Change.EMERGENCY_CREDIT_ACTIVATED, Change.SUPPLY_ARMED);
    }

    @Test
    void aDeductionThatCrossesTheLowCreditThresholdWarns() {
        Outcome.Applied a = applied(apply(meter(NOW, 300), command("deduct-credit", "amount=1.50")));
        assertThat(a.changes())
                .extracting(TimelineEntry::change)
                .containsExactly(Change.CREDIT_DEDUCTED, Change.LOW_CREDIT);
        Outcome.Applied again = applied(apply(a.state(), command("deduct-credit", "amount=1.00")));
        assertThat(again.changes())
                .extracting(TimelineEntry::change)
                .containsExactly(Change.CREDIT_DEDUCTED, Change.EMERGENCY_CREDIT_AVAILABLE);
    }

    @Test
    void timeNeverRunsBackwards() {
        MeterState s = meter(NOW, 300);
        Instant earlier = at(NOW).minusSeconds(1);
        assertThatThrownBy(() -> MeterEngine.apply(s, command("top-up", "amount=1.00"), earlier))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot go back");
    }

    @Test
    void refusalAndChangeCodesAreStable() {
        for (Refusal refusal : Refusal.values()) {
            assertThat(Refusal.fromCode(refusal.code())).isEqualTo(refusal);
            assertThat(refusal.advice()).isNotEmpty();
        }
        for (Change change : Change.values()) {
            assertThat(Change.fromCode(change.code())).isEqualTo(change);
        }
        assertThat(Refusal.OVER_MAXIMUM_BALANCE.code()).isEqualTo("over-maximum-balance");
        assertThat(Change.CHARGE_TO_ACCUMULATED_DEBT.code()).isEqualTo("charge-to-accumulated-debt");
        assertThatThrownBy(() -> Refusal.fromCode("nope")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Change.fromCode("nope")).isInstanceOf(IllegalArgumentException.class);
    }
}
