package uk.lifeline.backend.model;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Locale;
import uk.lifeline.prepay.Credit;
import uk.lifeline.prepay.Debts;
import uk.lifeline.prepay.MeterState;
import uk.lifeline.prepay.SupplyState;

/**
 * What an agent reads off the customer's display, in pence; a member left out keeps the modelled value.
 * Settings and tariff are not reported here: they change only by codes (or provisioning). Immutable.
 *
 * Every amount is bounded (docs/backend-api.md "Bounds"): 400 naming the field outside them.
 *
 * @param emergencyCreditPence emergency credit left; with {@code emergencyCreditActive}
 * @param supply {@code enabled}, {@code armed} or {@code disabled}
 */
public record Reported(
        @Min(-MOST_PENCE) @Max(MOST_PENCE) Long balancePence,
        Boolean emergencyCreditActive,
        @Min(0) @Max(MOST_PENCE) Long emergencyCreditPence,
        @Min(0) @Max(MOST_PENCE) Long timeDebt1Pence,
        @Min(0) @Max(MOST_PENCE) Long timeDebt2Pence,
        @Min(0) @Max(MOST_PENCE) Long paymentDebtPence,
        @Min(0) @Max(MOST_PENCE) Long accumulatedDebtPence,
        @Size(max = 20) String supply,
        @NotBlank @Size(max = 500) String reason) {

    /** The most any reading may be, in pence (£100,000): far above any real meter, far below overflow. */
    public static final long MOST_PENCE = 10_000_000L;

    /**
     * The model with these readings, as of {@code at} (or its own instant if that is later).
     *
     * @throws IllegalArgumentException for readings no meter could show (negative debt, emergency credit above
     *     its limit, an unknown supply state)
     */
    MeterState applyTo(MeterState s, Instant at) {
        boolean active = emergencyCreditActive != null
                ? emergencyCreditActive
                : s.credit().emergencyCreditActive();
        long emergency = emergencyCreditPence != null
                ? emergencyCreditPence
                : active == s.credit().emergencyCreditActive() ? s.credit().emergencyCreditBalance() : 0;
        if (!active && emergency != 0) {
            throw new IllegalArgumentException("emergencyCreditPence must be 0 unless emergency credit is active");
        }
        Credit credit =
                new Credit(balancePence != null ? balancePence : s.credit().meterBalance(), active, emergency);
        Debts d = s.debts();
        Debts debts = new Debts(
                timeDebt1Pence == null ? d.timeBased1() : d.timeBased1().withAmount(timeDebt1Pence),
                timeDebt2Pence == null ? d.timeBased2() : d.timeBased2().withAmount(timeDebt2Pence),
                paymentDebtPence == null ? d.paymentBased() : d.paymentBased().withAmount(paymentDebtPence),
                accumulatedDebtPence == null ? d.accumulatedDebt() : accumulatedDebtPence);
        SupplyState supplyState = s.supply();
        if (supply != null) {
            supplyState = java.util.Arrays.stream(SupplyState.values())
                    .filter(state -> state.name().toLowerCase(Locale.ROOT).equals(supply))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "supply must be enabled, armed or disabled" + " (exactly), not '" + supply + "'"));
        }
        Instant when = at.isBefore(s.asOf()) ? s.asOf() : at;
        return new MeterState(
                s.settings(),
                when,
                s.mode(),
                supplyState,
                s.tariff(),
                s.pendingTariff(),
                credit,
                debts,
                s.friendlyCredit(),
                s.nonDisconnect(),
                s.han(),
                s.accruals(),
                s.totals());
    }
}
