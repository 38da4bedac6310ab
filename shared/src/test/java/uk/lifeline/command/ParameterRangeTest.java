package uk.lifeline.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.lifeline.testing.Examples;

/** Out-of-range parameters are refused when the command is built, naming the parameter and its range. */
class ParameterRangeTest {

    static Stream<Arguments> outOfRange() {
        return Stream.of(
                Arguments.of("top-up amount=0", "amount", "0.01 to 81.91"),
                Arguments.of("top-up amount=81.92", "amount", "whole pounds from 82 to 8191"),
                Arguments.of("top-up amount=8192", "amount", "8191"),
                Arguments.of("top-up amount=12.345", "amount", "at most two decimals"),
                Arguments.of("top-up amount=-5", "amount", "0.01"),
                Arguments.of("deduct-credit amount=100.50", "amount", "whole pounds"),
                Arguments.of("set-credit balance=-1", "balance", "0.00 to 81.91"),
                Arguments.of("add-debt register=time-based-1 amount=10485.76", "amount", "0.01 to 10485.75 pounds"),
                Arguments.of(
                        "add-debt register=time-based-3 amount=1",
                        "register",
                        "time-based-1, time-based-2, payment-based"),
                Arguments.of("deduct-debt register=payment-based amount=0", "amount", "0.01 to 10485.75"),
                Arguments.of(
                        "set-debt register=time-based-1 amount=10 rate=655.36 period=per-day",
                        "rate",
                        "0.00 to 655.35"),
                Arguments.of(
                        "set-debt register=time-based-1 amount=10 rate=1 period=weekly", "period", "per-day, per-hour"),
                Arguments.of("set-debt register=payment-based amount=10 percent=101", "percent", "0 to 100"),
                Arguments.of("set-debt register=payment-based amount=10 rate=1 period=per-day", "rate", "percent=N"),
                Arguments.of("set-debt register=time-based-2 amount=10 percent=5", "percent", "payment-based"),
                Arguments.of("change-price unit-rate=262.144 standing-charge=50", "unit-rate", "0.000 to 262.143"),
                Arguments.of(
                        "change-price unit-rate=24.5 standing-charge=60.0001", "standing-charge", "three decimals"),
                Arguments.of(
                        "change-price unit-rate=24.5 standing-charge=60 from=2024-01-01",
                        "from",
                        "2024-01-02 to 2068-11-08"),
                Arguments.of("change-price unit-rate=24.5 standing-charge=60 from=2068-11-09", "from", "2068-11-08"),
                Arguments.of("change-price unit-rate=24.5 standing-charge=60 from=1/4/27", "from", "YYYY-MM-DD"),
                Arguments.of(
                        "change-time-of-use-price peak-rate=30 off-peak-rate=10 off-peak-start=23:10"
                                + " off-peak-end=07:00 standing-charge=50",
                        "off-peak-start",
                        "quarter hour"),
                Arguments.of(
                        "change-time-of-use-price peak-rate=30 off-peak-rate=10 off-peak-start=07:00"
                                + " off-peak-end=07:00 standing-charge=50",
                        "off-peak-end",
                        "other than off-peak-start"),
                Arguments.of("set-friendly-credit-period slot=5 start=16:00 end=10:00 days=all", "slot", "1 to 4"),
                Arguments.of("set-friendly-credit-period slot=1 start=16:00 end=10:00 days=funday", "days", "weekdays"),
                Arguments.of("set-friendly-credit-period slot=1 start=25:00 end=10:00 days=all", "start", "HH:MM"),
                Arguments.of(
                        "set-non-disconnect-period start=2027-01-10T06:00:00Z end=2027-01-10T06:00:00Z",
                        "end",
                        "after start"),
                Arguments.of(
                        "set-non-disconnect-period start=2027-01-10T06:00:00Z end=2027-02-10T06:15:00Z",
                        "end",
                        "31 days"),
                Arguments.of(
                        "set-non-disconnect-period start=2027-01-10T06:05:00Z end=2027-01-11T06:00:00Z",
                        "start",
                        "quarter hour"),
                Arguments.of(
                        "set-non-disconnect-period start=2023-12-31T23:45:00Z end=2024-01-01T06:00:00Z",
                        "start",
                        "2024-01-01T00:00:00Z to"),
                Arguments.of("open-han device=ppmid minutes=0", "minutes", "1 to 1440"),
                Arguments.of("open-han device=ppmid minutes=1441", "minutes", "1 to 1440"),
                Arguments.of("open-han device=toaster minutes=5", "device", "ppmid, ihd, cad, any"),
                Arguments.of("change-mode mode=free", "mode", "credit, prepayment"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outOfRange")
    void outOfRangeParameterIsRefusedNamingItAndItsRange(String commandLine, String parameter, String range) {
        ParameterOutOfRangeException refused =
                catchThrowableOfType(ParameterOutOfRangeException.class, () -> Examples.parse(commandLine));

        assertThat(refused).as(commandLine).isNotNull();
        assertThat(refused.parameter()).isEqualTo(parameter);
        assertThat(refused.getMessage()).contains(range);
    }

    @Test
    void unknownCommandListsTheCommands() {
        assertThatThrownBy(() -> Examples.parse("top-down amount=1"))
                .hasMessageContaining("unknown command 'top-down'")
                .hasMessageContaining("top-up, deduct-credit");
    }

    @Test
    void unknownAndMissingParametersAreNamed() {
        assertThatThrownBy(() -> Examples.parse("top-up amount=1 colour=red"))
                .hasMessageContaining("does not take colour");
        assertThatThrownBy(() -> Examples.parse("top-up")).hasMessageContaining("missing parameter amount");
        assertThatThrownBy(() -> Parameters.parse(java.util.Arrays.asList("amount=1", "amount=2")))
                .hasMessageContaining("amount given twice");
        assertThatThrownBy(() -> Parameters.parse(java.util.Arrays.asList("amount")))
                .hasMessageContaining("expected NAME=VALUE");
    }

    @Test
    void edgesOfEachRangeAreAccepted() {
        assertThat(Examples.parse("top-up amount=0.01")).isEqualTo(new TopUp(1));
        assertThat(Examples.parse("top-up amount=8191")).isEqualTo(new TopUp(819_100));
        assertThat(Examples.parse("set-credit balance=0")).isEqualTo(new SetCredit(0));
        assertThat(Examples.parse("open-han device=any minutes=1440")).isEqualTo(new OpenHan(OpenHan.Device.ANY, 1440));
        assertThat(Examples.parse("change-price unit-rate=262.143 standing-charge=0 from=2068-11-08"))
                .isInstanceOf(ChangePrice.class);
        assertThat(Examples.parse("set-non-disconnect-period start=2027-01-01T00:00:00Z end=2027-02-01T00:00:00Z"))
                .isInstanceOf(SetNonDisconnectPeriod.class);
    }
}
