package uk.lifeline.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.lifeline.calendar.CalendarPeriod;
import uk.lifeline.command.ChangePrice;
import uk.lifeline.command.ChangeTimeOfUsePrice;
import uk.lifeline.command.UnitPrice;
import uk.lifeline.tariff.TimeOfUse.RateSwitch;

class TariffTest {

    private static UnitPrice p(String pence) {
        return UnitPrice.parse("price", pence);
    }

    private static final TimeOfUse ECONOMY_7 = new TimeOfUse(
            Arrays.asList(
                    new RateSwitch(LocalTime.of(6, 30), p("27.03")), new RateSwitch(LocalTime.of(23, 30), p("12.5"))),
            p("53.35"));

    @Test
    void aSingleRateChargesKwhTimesPenceExactly() {
        SingleRate tariff = new SingleRate(p("24.862"), p("60.97"));
        // 0.300 kWh x 24.862p = 7.4586p, never rounded here.
        assertThat(tariff.halfHourCharge(LocalTime.NOON, 300, 0)).isEqualByComparingTo("7.4586");
        assertThat(tariff.halfHourCharge(LocalTime.NOON, 0, 0)).isEqualByComparingTo("0");
        assertThat(tariff.standingCharge().pence()).isEqualByComparingTo("60.97");
    }

    @Test
    void aSingleRateComesFromAChangePriceCode() {
        ChangePrice code = new ChangePrice(p("24.862"), p("60.97"), Optional.of(LocalDate.of(2027, 4, 1)));
        assertThat(SingleRate.of(code)).isEqualTo(new SingleRate(p("24.862"), p("60.97")));
    }

    @ParameterizedTest
    @CsvSource({
        "00:00, 12.5",
        "06:29, 12.5",
        "06:30, 27.03",
        "12:00, 27.03",
        "23:29, 27.03",
        "23:30, 12.5",
        "23:59, 12.5"
    })
    void theLastRateOfTheDayRunsPastMidnight(LocalTime time, String rate) {
        assertThat(ECONOMY_7.rateAt(time)).isEqualTo(p(rate));
    }

    @Test
    void aHalfHourWithASwitchInTheMiddleIsChargedHalfAtEachRate() {
        // A switch at 00:15 falls in the middle of the 00:00 half hour.
        TimeOfUse quarter = new TimeOfUse(
                Arrays.asList(
                        new RateSwitch(LocalTime.of(6, 30), p("30")), new RateSwitch(LocalTime.of(0, 15), p("10"))),
                p("50"));
        assertThat(quarter.halfHourCharge(LocalTime.of(0, 0), 1000, 0)).isEqualByComparingTo("20");
        assertThat(quarter.halfHourCharge(LocalTime.of(0, 30), 1000, 0)).isEqualByComparingTo("10");
        assertThat(ECONOMY_7.halfHourCharge(LocalTime.of(23, 30), 1001, 0)).isEqualByComparingTo("12.5125");
    }

    @Test
    void switchesAreSortedAndMustDiffer() {
        assertThat(ECONOMY_7.switches())
                .extracting(RateSwitch::from)
                .containsExactly(LocalTime.of(6, 30), LocalTime.of(23, 30));
        assertThatThrownBy(() -> new TimeOfUse(
                        Arrays.asList(new RateSwitch(LocalTime.NOON, p("1")), new RateSwitch(LocalTime.NOON, p("2"))),
                        p("0")))
                .hasMessageContaining("two rates switch at 12:00");
        assertThatThrownBy(() -> new TimeOfUse(Arrays.asList(new RateSwitch(LocalTime.NOON, p("1"))), p("0")))
                .hasMessageContaining("at least two");
        assertThatThrownBy(() -> new RateSwitch(LocalTime.of(6, 20), p("1"))).hasMessageContaining("quarter hour");
    }

    @Test
    void aTimeOfUseTariffComesFromAChangeTimeOfUsePriceCode() {
        ChangeTimeOfUsePrice code = new ChangeTimeOfUsePrice(
                p("27.03"), p("12.5"), LocalTime.of(23, 30), LocalTime.of(6, 30), p("53.35"), Optional.empty());
        assertThat(TimeOfUse.of(code)).isEqualTo(ECONOMY_7);
    }

    private static final Block TIERED = new Block(
            Arrays.asList(
                    new Block.Tier(100_000, p("30")), new Block.Tier(250_000, p("25")), Block.Tier.unlimited(p("20"))),
            CalendarPeriod.MONTH,
            p("40"));

    @Test
    void aBlockTariffSplitsAHalfHourAtEachThreshold() {
        assertThat(TIERED.halfHourCharge(LocalTime.NOON, 1000, 0)).isEqualByComparingTo("30");
        // 0.400 kWh at 30p up to 100 kWh, then 0.600 kWh at 25p.
        assertThat(TIERED.halfHourCharge(LocalTime.NOON, 1000, 99_600)).isEqualByComparingTo("27.0");
        // Across two thresholds at once: 10 kWh at 30p, 150 kWh at 25p, 40 kWh at 20p.
        assertThat(TIERED.halfHourCharge(LocalTime.NOON, 200_000, 90_000))
                .isEqualByComparingTo(
                        new BigDecimal("300").add(new BigDecimal("3750")).add(new BigDecimal("800")));
        assertThat(TIERED.halfHourCharge(LocalTime.NOON, 500, 1_000_000)).isEqualByComparingTo("10");
    }

    @Test
    void blockThresholdsMustRiseAndEndUnlimited() {
        assertThatThrownBy(() -> new Block(Arrays.asList(new Block.Tier(100, p("1"))), CalendarPeriod.DAY, p("0")))
                .hasMessageContaining("no threshold");
        assertThatThrownBy(() -> new Block(
                        Arrays.asList(
                                new Block.Tier(100, p("1")), new Block.Tier(100, p("2")), Block.Tier.unlimited(p("3"))),
                        CalendarPeriod.DAY,
                        p("0")))
                .hasMessageContaining("must rise");
        assertThatThrownBy(() -> new Block.Tier(0, p("1"))).hasMessageContaining("above zero");
    }

    @Test
    void negativeEnergyIsRefused() {
        assertThatThrownBy(() -> Tariff.energyCharge(-1, p("1"))).hasMessageContaining("-1 Wh");
    }
}
