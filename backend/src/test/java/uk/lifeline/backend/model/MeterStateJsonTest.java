package uk.lifeline.backend.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.lifeline.calendar.BankHolidayRegion;
import uk.lifeline.calendar.CalendarPeriod;
import uk.lifeline.calendar.FriendlyCreditSlot;
import uk.lifeline.calendar.NonDisablementCalendar;
import uk.lifeline.calendar.NonDisconnectPeriod;
import uk.lifeline.calendar.PeriodTotal;
import uk.lifeline.command.ChangeMode;
import uk.lifeline.command.OpenHan;
import uk.lifeline.command.SetDebt;
import uk.lifeline.command.UnitPrice;
import uk.lifeline.prepay.Accruals;
import uk.lifeline.prepay.Credit;
import uk.lifeline.prepay.Debts;
import uk.lifeline.prepay.HanWindow;
import uk.lifeline.prepay.MeterSettings;
import uk.lifeline.prepay.MeterState;
import uk.lifeline.prepay.PaymentDebt;
import uk.lifeline.prepay.PendingTariff;
import uk.lifeline.prepay.RecoveryCap;
import uk.lifeline.prepay.SupplyState;
import uk.lifeline.prepay.TimeDebt;
import uk.lifeline.prepay.Totals;
import uk.lifeline.tariff.Block;
import uk.lifeline.tariff.SingleRate;
import uk.lifeline.tariff.TimeOfUse;

class MeterStateJsonTest {

    private static final Instant AT = Instant.parse("2027-01-04T09:05:00Z");

    @Test
    void aStateWithEveryKindOfMemberReadsBackEqual() {
        TimeOfUse economy7 = new TimeOfUse(
                List.of(
                        new TimeOfUse.RateSwitch(LocalTime.of(0, 30), new UnitPrice(14200)),
                        new TimeOfUse.RateSwitch(LocalTime.of(7, 30), new UnitPrice(27500))),
                new UnitPrice(55000));
        Block block = new Block(
                List.of(new Block.Tier(100_000, new UnitPrice(20000)), Block.Tier.unlimited(new UnitPrice(30000))),
                CalendarPeriod.MONTH,
                new UnitPrice(40000));
        NonDisablementCalendar friendly = NonDisablementCalendar.NONE.withSlot(
                2,
                new FriendlyCreditSlot(
                        LocalTime.of(16, 0),
                        LocalTime.of(10, 0),
                        EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY),
                        true));
        MeterSettings settings = MeterSettings.builder(new SingleRate(new UnitPrice(24862), new UnitPrice(60100)))
                .defaultMode(ChangeMode.Mode.PREPAYMENT)
                .defaultFriendlyCredit(friendly)
                .bankHolidays(BankHolidayRegion.SCOTLAND)
                .emergencyCredit(1500, 200)
                .maximums(30000, 12000)
                .timeDebtCap(Optional.of(new RecoveryCap(700, CalendarPeriod.WEEK)))
                .paymentDebtCap(Optional.of(new RecoveryCap(1000, CalendarPeriod.MONTH)))
                .build();
        MeterState state = new MeterState(
                settings,
                AT,
                ChangeMode.Mode.PREPAYMENT,
                SupplyState.ARMED,
                economy7,
                Optional.of(new PendingTariff(LocalDate.of(2027, 2, 1), block)),
                new Credit(-40, true, 700),
                new Debts(
                        new TimeDebt(5000, 100, SetDebt.Recovery.PER_DAY),
                        new TimeDebt(300, 2, SetDebt.Recovery.PER_HOUR),
                        new PaymentDebt(15000, 10),
                        340),
                friendly,
                Optional.of(new NonDisconnectPeriod(AT, AT.plusSeconds(86_400))),
                Optional.of(new HanWindow(OpenHan.Device.values()[0], AT.plusSeconds(600))),
                new Accruals(
                        new BigDecimal("0.437500"),
                        new PeriodTotal(LocalDate.of(2027, 1, 1), 12_345),
                        PeriodTotal.NONE,
                        new PeriodTotal(LocalDate.of(2027, 1, 4), 200)),
                new Totals(2000, -40, 5000, 340, 700, 15000));

        String json = MeterStateJson.write(state);

        assertThat(MeterStateJson.read(json)).isEqualTo(state);
        assertThat(json)
                .contains("\"type\":\"time-of-use\"")
                .contains("\"type\":\"block\"")
                .contains("\"asOf\":\"2027-01-04T09:05:00Z\"")
                .doesNotContain("\"empty\"");
    }

    @Test
    void theInitialStateReadsBackEqual() {
        MeterState state = MeterState.initial(
                MeterSettings.builder(new SingleRate(new UnitPrice(1), new UnitPrice(2)))
                        .build(),
                AT);
        assertThat(MeterStateJson.read(MeterStateJson.write(state))).isEqualTo(state);
    }

    @Test
    void anUnknownMemberIsAnErrorNotDropped() {
        MeterState state = MeterState.initial(
                MeterSettings.builder(new SingleRate(new UnitPrice(1), new UnitPrice(2)))
                        .build(),
                AT);
        String json = MeterStateJson.write(state).replaceFirst("\\{", "{\"surprise\":1,");
        assertThatThrownBy(() -> MeterStateJson.read(json))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("surprise");
    }
}
