package uk.lifeline.prepay;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import uk.lifeline.calendar.NonDisablementCalendar;
import uk.lifeline.calendar.NonDisconnectPeriod;
import uk.lifeline.command.ChangeMode;
import uk.lifeline.tariff.Tariff;

/**
 * Everything a prepayment meter holds that changes money or supply, at one instant ({@code asOf}). Changes come
 * from {@link MeterEngine} and {@link Simulator} as new states. Immutable and thread-safe.
 *
 * @param settings the configuration and defaults (never changed by a code)
 * @param asOf the instant this state describes
 * @param mode prepayment, or credit (pay by bill: no charges taken, never disabled)
 * @param supply the load switch
 * @param tariff the tariff in force
 * @param pendingTariff a tariff waiting for its date
 * @param credit meter balance and emergency credit
 * @param debts debt registers and the Accumulated Debt Register
 * @param friendlyCredit the non-disablement calendar
 * @param nonDisconnect the supplier's non-disconnect period, if one is set
 * @param han the open HAN join window, if any
 * @param accruals fractions and period totals carried between charges
 * @param totals running money totals
 */
public record MeterState(
        MeterSettings settings,
        Instant asOf,
        ChangeMode.Mode mode,
        SupplyState supply,
        Tariff tariff,
        Optional<PendingTariff> pendingTariff,
        Credit credit,
        Debts debts,
        NonDisablementCalendar friendlyCredit,
        Optional<NonDisconnectPeriod> nonDisconnect,
        Optional<HanWindow> han,
        Accruals accruals,
        Totals totals) {

    public MeterState {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(supply, "supply");
        Objects.requireNonNull(tariff, "tariff");
        Objects.requireNonNull(pendingTariff, "pendingTariff");
        Objects.requireNonNull(credit, "credit");
        Objects.requireNonNull(debts, "debts");
        Objects.requireNonNull(friendlyCredit, "friendlyCredit");
        Objects.requireNonNull(nonDisconnect, "nonDisconnect");
        Objects.requireNonNull(han, "han");
        Objects.requireNonNull(accruals, "accruals");
        Objects.requireNonNull(totals, "totals");
        if (credit.emergencyCreditBalance() > settings.emergencyCreditLimit()) {
            throw new IllegalArgumentException("emergency credit balance above the limit");
        }
    }

    /**
     * A meter as configured and as revert-to-default leaves it: the default tariff, mode and friendly-credit slots,
     * no credit and no debt, the supply on.
     */
    public static MeterState initial(MeterSettings settings, Instant asOf) {
        return new MeterState(
                settings,
                asOf,
                settings.defaultMode(),
                SupplyState.ENABLED,
                settings.defaultTariff(),
                Optional.empty(),
                Credit.NONE,
                Debts.NONE,
                settings.defaultFriendlyCredit(),
                Optional.empty(),
                Optional.empty(),
                Accruals.NONE,
                Totals.NONE);
    }

    /** Emergency credit spent and not yet repaid. */
    public long emergencyCreditUsed() {
        return credit.emergencyCreditActive() ? settings.emergencyCreditLimit() - credit.emergencyCreditBalance() : 0;
    }

    public MeterState withCredit(Credit newCredit) {
        return new MeterState(
                settings,
                asOf,
                mode,
                supply,
                tariff,
                pendingTariff,
                newCredit,
                debts,
                friendlyCredit,
                nonDisconnect,
                han,
                accruals,
                totals);
    }

    public MeterState withDebts(Debts newDebts) {
        return new MeterState(
                settings,
                asOf,
                mode,
                supply,
                tariff,
                pendingTariff,
                credit,
                newDebts,
                friendlyCredit,
                nonDisconnect,
                han,
                accruals,
                totals);
    }

    public MeterState withSupply(SupplyState newSupply) {
        return new MeterState(
                settings,
                asOf,
                mode,
                newSupply,
                tariff,
                pendingTariff,
                credit,
                debts,
                friendlyCredit,
                nonDisconnect,
                han,
                accruals,
                totals);
    }

    public MeterState withMode(ChangeMode.Mode newMode) {
        return new MeterState(
                settings,
                asOf,
                newMode,
                supply,
                tariff,
                pendingTariff,
                credit,
                debts,
                friendlyCredit,
                nonDisconnect,
                han,
                accruals,
                totals);
    }

    public MeterState withTariff(Tariff newTariff, Optional<PendingTariff> pending) {
        return new MeterState(
                settings,
                asOf,
                mode,
                supply,
                newTariff,
                pending,
                credit,
                debts,
                friendlyCredit,
                nonDisconnect,
                han,
                accruals,
                totals);
    }

    public MeterState withFriendlyCredit(NonDisablementCalendar calendar) {
        return new MeterState(
                settings,
                asOf,
                mode,
                supply,
                tariff,
                pendingTariff,
                credit,
                debts,
                calendar,
                nonDisconnect,
                han,
                accruals,
                totals);
    }

    public MeterState withNonDisconnect(Optional<NonDisconnectPeriod> period) {
        return new MeterState(
                settings,
                asOf,
                mode,
                supply,
                tariff,
                pendingTariff,
                credit,
                debts,
                friendlyCredit,
                period,
                han,
                accruals,
                totals);
    }
}
