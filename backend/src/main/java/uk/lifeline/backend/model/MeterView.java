package uk.lifeline.backend.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import uk.lifeline.calendar.BankHolidays;
import uk.lifeline.calendar.DateNotCoveredException;
import uk.lifeline.calendar.MeterTime;
import uk.lifeline.calendar.NonDisconnectPeriod;
import uk.lifeline.prepay.MeterState;
import uk.lifeline.prepay.TimeDebt;

/**
 * A meter's money, tariff, supply and protected periods as an agent reads them, from the engine's
 * {@link MeterState}. All money in pence. Immutable.
 *
 * @param availablePence meter balance plus emergency credit left: what can be spent before disablement
 * @param lowCredit available credit below the meter's low-credit threshold
 * @param tariff the tariff in force, in the stored form ({@link MeterStateJson}: prices in thousandths of a penny)
 * @param pendingTariff a tariff waiting for its date, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MeterView(
        Instant asOf,
        String mode,
        String supply,
        long balancePence,
        long availablePence,
        boolean lowCredit,
        EmergencyCredit emergencyCredit,
        DebtView debt,
        JsonNode tariff,
        JsonNode pendingTariff,
        Protection protection,
        Limits limits) {

    public record EmergencyCredit(boolean active, long balancePence, long usedPence, long limitPence) {}

    public record TimeDebtView(long amountPence, long ratePence, String per) {}

    public record PaymentDebtView(long amountPence, long percent) {}

    /** The debt registers; {@code totalPence} is all of them together. */
    public record DebtView(
            TimeDebtView timeBased1,
            TimeDebtView timeBased2,
            PaymentDebtView paymentBased,
            long accumulatedPence,
            long totalPence) {}

    /**
     * Whether the supply is protected from disablement at {@code asOf}: inside a friendly-credit window or the
     * non-disconnect period. {@code friendlyCreditNow} is null when the bank-holiday calendar does not cover the
     * date. {@code friendlyCredit} holds the four slots.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Protection(
            boolean protectedNow,
            Boolean friendlyCreditNow,
            boolean nonDisconnectNow,
            NonDisconnectPeriod nonDisconnect,
            JsonNode friendlyCredit) {}

    /** The settings that can make the meter refuse a top-up or set-credit. */
    public record Limits(
            long maximumMeterBalancePence,
            long maximumCreditPence,
            long disablementThresholdPence,
            long lowCreditThresholdPence,
            long emergencyCreditThresholdPence) {}

    public static MeterView of(MeterState s) {
        var settings = s.settings();
        Instant at = s.asOf();
        NonDisconnectPeriod period = s.nonDisconnect().orElse(null);
        boolean nonDisconnectNow = period != null && period.contains(at);
        Boolean friendlyNow;
        try {
            friendlyNow = s.friendlyCredit()
                    .covers(MeterTime.local(at), BankHolidays.ukGov().in(settings.bankHolidays()));
        } catch (DateNotCoveredException e) {
            friendlyNow = null;
        }
        return new MeterView(
                at,
                s.mode().name().toLowerCase(java.util.Locale.ROOT),
                s.supply().code(),
                s.credit().meterBalance(),
                s.credit().available(),
                s.credit().available() < settings.lowCreditThreshold(),
                new EmergencyCredit(
                        s.credit().emergencyCreditActive(),
                        s.credit().emergencyCreditBalance(),
                        s.emergencyCreditUsed(),
                        settings.emergencyCreditLimit()),
                new DebtView(
                        time(s.debts().timeBased1()),
                        time(s.debts().timeBased2()),
                        new PaymentDebtView(
                                s.debts().paymentBased().amountPence(),
                                s.debts().paymentBased().percent()),
                        s.debts().accumulatedDebt(),
                        s.debts().total()),
                MeterStateJson.tree(s.tariff()),
                s.pendingTariff().map(MeterStateJson::tree).orElse(null),
                new Protection(
                        nonDisconnectNow || Boolean.TRUE.equals(friendlyNow),
                        friendlyNow,
                        nonDisconnectNow,
                        period,
                        MeterStateJson.tree(s.friendlyCredit())),
                new Limits(
                        settings.maximumMeterBalance(),
                        settings.maximumCreditThreshold(),
                        settings.disablementThreshold(),
                        settings.lowCreditThreshold(),
                        settings.emergencyCreditThreshold()));
    }

    private static TimeDebtView time(TimeDebt d) {
        return new TimeDebtView(
                d.amountPence(),
                d.ratePence(),
                d.per().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }
}
