package uk.lifeline.prepay;

import java.util.Objects;
import java.util.Optional;
import uk.lifeline.calendar.BankHolidayRegion;
import uk.lifeline.calendar.NonDisablementCalendar;
import uk.lifeline.command.ChangeMode;
import uk.lifeline.tariff.Tariff;

/**
 * How a meter is configured: the thresholds no code changes, and the defaults revert-to-default restores. All
 * money in pence. Immutable and thread-safe; build one with {@link #builder(Tariff)}.
 *
 * @param defaultTariff the tariff after revert-to-default
 * @param defaultMode the payment mode after revert-to-default
 * @param defaultFriendlyCredit the non-disablement calendar after revert-to-default
 * @param bankHolidays whose bank holidays friendly-credit slots follow
 * @param emergencyCreditLimit emergency credit granted on activation
 * @param emergencyCreditThreshold emergency credit may be activated once the meter balance is below this
 * @param lowCreditThreshold the customer is warned once available credit falls below this
 * @param disablementThreshold the supply is disabled once available credit is at or below this, outside friendly
 *     and non-disconnect periods
 * @param maximumMeterBalance a top-up or set-credit that would take the meter balance above this is refused
 * @param maximumCreditThreshold a single top-up above this is refused
 * @param suspendDebtEmergency time-based debt is not recovered while emergency credit is active
 * @param suspendDebtDisabled time-based debt is not recovered while the supply is disabled
 * @param timeDebtCap the most both time-based registers together recover in a period, if capped
 * @param paymentDebtCap the most the payment-based register takes from top-ups in a period, if capped
 */
public record MeterSettings(
        Tariff defaultTariff,
        ChangeMode.Mode defaultMode,
        NonDisablementCalendar defaultFriendlyCredit,
        BankHolidayRegion bankHolidays,
        long emergencyCreditLimit,
        long emergencyCreditThreshold,
        long lowCreditThreshold,
        long disablementThreshold,
        long maximumMeterBalance,
        long maximumCreditThreshold,
        boolean suspendDebtEmergency,
        boolean suspendDebtDisabled,
        Optional<RecoveryCap> timeDebtCap,
        Optional<RecoveryCap> paymentDebtCap) {

    public MeterSettings {
        Objects.requireNonNull(defaultTariff, "defaultTariff");
        Objects.requireNonNull(defaultMode, "defaultMode");
        Objects.requireNonNull(defaultFriendlyCredit, "defaultFriendlyCredit");
        Objects.requireNonNull(bankHolidays, "bankHolidays");
        Objects.requireNonNull(timeDebtCap, "timeDebtCap");
        Objects.requireNonNull(paymentDebtCap, "paymentDebtCap");
        if (emergencyCreditLimit < 0
                || emergencyCreditThreshold < 0
                || lowCreditThreshold < 0
                || disablementThreshold < 0) {
            throw new IllegalArgumentException("emergency credit, low credit and disablement thresholds are 0 or more");
        }
        if (maximumMeterBalance <= disablementThreshold || maximumCreditThreshold <= 0) {
            throw new IllegalArgumentException(
                    "the maximum meter balance must be above the disablement threshold, the maximum credit above 0");
        }
    }

    /**
     * Settings with common GB values: emergency credit 10.00 (offered below 1.00), low credit warning below 2.00,
     * disablement at 0.00, maximum meter balance 250.00, largest top-up 100.00, time-based debt paused while the
     * supply is disabled, no caps, England and Wales bank holidays, prepayment mode, no friendly-credit slots.
     */
    public static Builder builder(Tariff defaultTariff) {
        return new Builder(defaultTariff);
    }

    public Builder toBuilder() {
        Builder b = new Builder(defaultTariff);
        b.defaultMode = defaultMode;
        b.defaultFriendlyCredit = defaultFriendlyCredit;
        b.bankHolidays = bankHolidays;
        b.emergencyCreditLimit = emergencyCreditLimit;
        b.emergencyCreditThreshold = emergencyCreditThreshold;
        b.lowCreditThreshold = lowCreditThreshold;
        b.disablementThreshold = disablementThreshold;
        b.maximumMeterBalance = maximumMeterBalance;
        b.maximumCreditThreshold = maximumCreditThreshold;
        b.suspendDebtEmergency = suspendDebtEmergency;
        b.suspendDebtDisabled = suspendDebtDisabled;
        b.timeDebtCap = timeDebtCap;
        b.paymentDebtCap = paymentDebtCap;
        return b;
    }

    /** Collects settings, starting from the defaults {@link #builder} names. Mutable, not thread-safe. */
    public static final class Builder {
        private final Tariff defaultTariff;
        private ChangeMode.Mode defaultMode = ChangeMode.Mode.PREPAYMENT;
        private NonDisablementCalendar defaultFriendlyCredit = NonDisablementCalendar.NONE;
        private BankHolidayRegion bankHolidays = BankHolidayRegion.ENGLAND_AND_WALES;
        private long emergencyCreditLimit = 1000;
        private long emergencyCreditThreshold = 100;
        private long lowCreditThreshold = 200;
        private long disablementThreshold = 0;
        private long maximumMeterBalance = 25000;
        private long maximumCreditThreshold = 10000;
        private boolean suspendDebtEmergency = false;
        private boolean suspendDebtDisabled = true;
        private Optional<RecoveryCap> timeDebtCap = Optional.empty();
        private Optional<RecoveryCap> paymentDebtCap = Optional.empty();

        private Builder(Tariff defaultTariff) {
            this.defaultTariff = defaultTariff;
        }

        public Builder defaultMode(ChangeMode.Mode mode) {
            this.defaultMode = mode;
            return this;
        }

        public Builder defaultFriendlyCredit(NonDisablementCalendar calendar) {
            this.defaultFriendlyCredit = calendar;
            return this;
        }

        public Builder bankHolidays(BankHolidayRegion region) {
            this.bankHolidays = region;
            return this;
        }

        public Builder emergencyCredit(long limitPence, long thresholdPence) {
            this.emergencyCreditLimit = limitPence;
            this.emergencyCreditThreshold = thresholdPence;
            return this;
        }

        public Builder lowCreditThreshold(long pence) {
            this.lowCreditThreshold = pence;
            return this;
        }

        public Builder disablementThreshold(long pence) {
            this.disablementThreshold = pence;
            return this;
        }

        public Builder maximums(long meterBalancePence, long creditPence) {
            this.maximumMeterBalance = meterBalancePence;
            this.maximumCreditThreshold = creditPence;
            return this;
        }

        public Builder suspendDebt(boolean inEmergencyCredit, boolean whenDisabled) {
            this.suspendDebtEmergency = inEmergencyCredit;
            this.suspendDebtDisabled = whenDisabled;
            return this;
        }

        public Builder timeDebtCap(Optional<RecoveryCap> cap) {
            this.timeDebtCap = cap;
            return this;
        }

        public Builder paymentDebtCap(Optional<RecoveryCap> cap) {
            this.paymentDebtCap = cap;
            return this;
        }

        /** @throws IllegalArgumentException for inconsistent thresholds */
        public MeterSettings build() {
            return new MeterSettings(
                    defaultTariff,
                    defaultMode,
                    defaultFriendlyCredit,
                    bankHolidays,
                    emergencyCreditLimit,
                    emergencyCreditThreshold,
                    lowCreditThreshold,
                    disablementThreshold,
                    maximumMeterBalance,
                    maximumCreditThreshold,
                    suspendDebtEmergency,
                    suspendDebtDisabled,
                    timeDebtCap,
                    paymentDebtCap);
        }
    }
}
