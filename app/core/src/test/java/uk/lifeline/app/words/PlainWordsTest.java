package uk.lifeline.app.words;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.command.Parameters;

class PlainWordsTest {

    /** Tuesday 1 December 2026, 09:00 in London. */
    static final When TUESDAY_MORNING = When.at(Instant.parse("2026-12-01T09:00:00Z"));

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of("top-up amount=20", "adds £20.00 credit"),
                Arguments.of("top-up amount=0.50", "adds £0.50 credit"),
                Arguments.of("deduct-credit amount=5", "takes £5.00 off your credit"),
                Arguments.of("set-credit balance=0", "sets your credit to £0.00"),
                Arguments.of("add-debt register=time-based-1 amount=50", "adds £50.00 to debt 1"),
                Arguments.of("deduct-debt register=payment-based amount=12.5",
                        "takes £12.50 off the debt paid from your top-ups"),
                Arguments.of("set-debt register=time-based-2 amount=120 rate=1.50 period=per-day",
                        "sets debt 2 to £120.00, paid back at £1.50 a day"),
                Arguments.of("set-debt register=payment-based amount=80 percent=25",
                        "sets the debt paid from your top-ups to £80.00, taking 25% of each top-up"),
                Arguments.of("change-price unit-rate=24.862 standing-charge=60.97",
                        "changes your price to 24.862p per kWh and 60.97p a day standing charge"),
                Arguments.of("change-price unit-rate=25 standing-charge=60.97 from=2027-04-01",
                        "changes your price to 25.00p per kWh and 60.97p a day standing charge"
                                + " from Thursday 1 April 2027"),
                Arguments.of("change-time-of-use-price peak-rate=30.1 off-peak-rate=15.2 off-peak-start=23:30"
                        + " off-peak-end=06:30 standing-charge=55 from=2026-12-03",
                        "changes your price to 30.10p per kWh, and 15.20p per kWh from 23:30 to 06:30, and"
                                + " 55.00p a day standing charge from Thursday"),
                Arguments.of("set-friendly-credit-period slot=1 start=16:00 end=10:00 days=weekdays",
                        "keeps your supply on from 16:00 to 10:00 on weekdays, even when you run out of credit"
                                + " (friendly hours 1)"),
                Arguments.of("set-friendly-credit-period slot=2 start=00:00 end=00:00 days=sat,sun bank-holidays=true",
                        "keeps your supply on all day at weekends and on bank holidays, even when you run out of"
                                + " credit (friendly hours 2)"),
                Arguments.of("set-friendly-credit-period slot=3 start=18:00 end=08:00 days=mon,wed,fri",
                        "keeps your supply on from 18:00 to 08:00 on Mondays, Wednesdays and Fridays, even when"
                                + " you run out of credit (friendly hours 3)"),
                Arguments.of("set-friendly-credit-period slot=4 start=00:00 end=00:00 days=none",
                        "removes friendly hours 4"),
                Arguments.of("set-non-disconnect-period start=2026-12-01T06:00:00Z end=2026-12-04T18:00:00Z",
                        "keeps your supply on until Friday 18:00"),
                Arguments.of("set-non-disconnect-period start=2026-12-02T06:00:00Z end=2026-12-02T18:00:00Z",
                        "keeps your supply on from tomorrow 06:00 until tomorrow 18:00"),
                Arguments.of("set-non-disconnect-period start=2026-12-01T06:00:00Z end=2026-12-20T18:00:00Z",
                        "keeps your supply on until Sunday 20 December 18:00"),
                Arguments.of("open-han device=ppmid minutes=30",
                        "lets a new prepayment keypad (PPMID) join your meter for the next 30 minutes"),
                Arguments.of("open-han device=ihd minutes=120",
                        "lets a new in-home display join your meter for the next 2 hours"),
                Arguments.of("change-mode mode=prepayment", "switches your meter to pay as you go"),
                Arguments.of("change-mode mode=credit", "switches your meter to pay by bill (credit mode)"),
                Arguments.of("revert-to-default", "puts your meter's settings back to your supplier's standard ones"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void saysWhatTheCodeDoes(String command, String words) {
        assertThat(PlainWords.describe(parse(command), TUESDAY_MORNING)).isEqualTo(words);
    }

    @Test
    void summerTimeIsLondonTime() {
        When june = When.at(Instant.parse("2026-06-01T09:00:00Z"));

        assertThat(june.moment(Instant.parse("2026-06-01T17:00:00Z"))).isEqualTo("today 18:00");
    }

    @Test
    void daysFarAheadNameTheYearWhenItIsAnotherOne() {
        When when = When.at(Instant.parse("2026-12-30T09:00:00Z"));

        assertThat(when.day(java.time.LocalDate.parse("2027-01-15"))).isEqualTo("Friday 15 January 2027");
        assertThat(when.day(java.time.LocalDate.parse("2027-01-02"))).isEqualTo("Saturday");
    }

    static MeterCommand parse(String line) {
        List<String> words = List.of(line.split(" "));
        return MeterCommand.parse(words.get(0), Parameters.parse(words.subList(1, words.size())));
    }
}
