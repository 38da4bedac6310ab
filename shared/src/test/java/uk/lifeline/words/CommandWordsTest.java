package uk.lifeline.words;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.lifeline.command.AddDebt;
import uk.lifeline.command.CommandType;
import uk.lifeline.command.DebtRegister;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.command.OpenHan;
import uk.lifeline.command.Parameters;
import uk.lifeline.command.UnitPrice;

class CommandWordsTest {

    /** Tuesday 1 December 2026, 09:00 in London. */
    static final When TUESDAY_MORNING = When.at(Instant.parse("2026-12-01T09:00:00Z"));

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of("top-up amount=20", "adds £20.00 credit"),
                Arguments.of("top-up amount=0.50", "adds £0.50 credit"),
                Arguments.of("deduct-credit amount=5", "takes £5.00 off your credit"),
                Arguments.of("set-credit balance=0", "sets your credit to £0.00"),
                Arguments.of("add-debt register=time-based-1 amount=50", "adds £50.00 to debt 1"),
                Arguments.of(
                        "deduct-debt register=payment-based amount=12.5",
                        "takes £12.50 off the debt paid from your top-ups"),
                Arguments.of(
                        "set-debt register=time-based-2 amount=120 rate=1.50 period=per-day",
                        "sets debt 2 to £120.00, paid back at £1.50 a day"),
                Arguments.of(
                        "set-debt register=payment-based amount=80 percent=25",
                        "sets the debt paid from your top-ups to £80.00, taking 25% of each top-up"),
                Arguments.of(
                        "change-price unit-rate=24.862 standing-charge=60.97",
                        "changes your price to 24.862p per kWh and 60.97p a day standing charge"),
                Arguments.of(
                        "change-price unit-rate=25 standing-charge=60.97 from=2027-04-01",
                        "changes your price to 25.00p per kWh and 60.97p a day standing charge"
                                + " from Thursday 1 April 2027"),
                Arguments.of(
                        "change-time-of-use-price peak-rate=30.1 off-peak-rate=15.2 off-peak-start=23:30"
                                + " off-peak-end=06:30 standing-charge=55 from=2026-12-03",
                        "changes your price to 30.10p per kWh, and 15.20p per kWh from 23:30 to 06:30, and"
                                + " 55.00p a day standing charge from Thursday"),
                Arguments.of(
                        "set-friendly-credit-period slot=1 start=16:00 end=10:00 days=weekdays",
                        "keeps your supply on from 16:00 to 10:00 on weekdays, even when you run out of credit"
                                + " (friendly hours 1)"),
                Arguments.of(
                        "set-friendly-credit-period slot=2 start=00:00 end=00:00 days=sat,sun bank-holidays=true",
                        "keeps your supply on all day at weekends and on bank holidays, even when you run out of"
                                + " credit (friendly hours 2)"),
                Arguments.of(
                        "set-friendly-credit-period slot=3 start=18:00 end=08:00 days=mon,wed,fri",
                        "keeps your supply on from 18:00 to 08:00 on Mondays, Wednesdays and Fridays, even when"
                                + " you run out of credit (friendly hours 3)"),
                Arguments.of(
                        "set-friendly-credit-period slot=4 start=00:00 end=00:00 days=none",
                        "removes friendly hours 4"),
                Arguments.of(
                        "set-non-disconnect-period start=2026-12-01T06:00:00Z end=2026-12-04T18:00:00Z",
                        "keeps your supply on until Friday 18:00"),
                Arguments.of(
                        "set-non-disconnect-period start=2026-12-02T06:00:00Z end=2026-12-02T18:00:00Z",
                        "keeps your supply on from tomorrow 06:00 until tomorrow 18:00"),
                Arguments.of(
                        "set-non-disconnect-period start=2026-12-01T06:00:00Z end=2026-12-20T18:00:00Z",
                        "keeps your supply on until Sunday 20 December 18:00"),
                Arguments.of(
                        "open-han device=ppmid minutes=30",
                        "lets a new prepayment keypad (PPMID) join your meter for the next 30 minutes"),
                Arguments.of(
                        "open-han device=ihd minutes=120",
                        "lets a new in-home display join your meter for the next 2 hours"),
                Arguments.of("change-mode mode=prepayment", "switches your meter to pay as you go"),
                Arguments.of("change-mode mode=credit", "switches your meter to pay by bill (credit mode)"),
                Arguments.of("revert-to-default", "puts your meter's settings back to your supplier's standard ones"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void saysWhatTheCodeDoes(String command, String words) {
        assertThat(CommandWords.describe(parse(command), TUESDAY_MORNING)).isEqualTo(words);
    }

    static Stream<Arguments> welsh() {
        return Stream.of(
                Arguments.of("top-up amount=20", "ychwanegu £20.00 o gredyd"),
                Arguments.of("deduct-credit amount=5", "tynnu £5.00 oddi ar eich credyd"),
                Arguments.of("set-credit balance=0", "gosod eich credyd i £0.00"),
                Arguments.of("add-debt register=time-based-1 amount=50", "ychwanegu £50.00 at ddyled 1"),
                Arguments.of("deduct-debt register=time-based-2 amount=7", "tynnu £7.00 oddi ar ddyled 2"),
                Arguments.of(
                        "deduct-debt register=payment-based amount=12.5",
                        "tynnu £12.50 oddi ar y ddyled sy'n cael ei thalu o'ch taliadau credyd"),
                Arguments.of(
                        "set-debt register=time-based-2 amount=120 rate=1.50 period=per-day",
                        "gosod dyled 2 i £120.00, i'w thalu'n ôl ar £1.50 y dydd"),
                Arguments.of(
                        "set-debt register=time-based-1 amount=30 rate=0.10 period=per-hour",
                        "gosod dyled 1 i £30.00, i'w thalu'n ôl ar £0.10 yr awr"),
                Arguments.of(
                        "set-debt register=payment-based amount=80 percent=25",
                        "gosod y ddyled sy'n cael ei thalu o'ch taliadau credyd i £80.00, gan gymryd 25% o bob"
                                + " taliad credyd"),
                Arguments.of(
                        "change-price unit-rate=24.862 standing-charge=60.97",
                        "newid eich pris i 24.862c y kWh, gyda thâl sefydlog o 60.97c y dydd"),
                Arguments.of(
                        "change-price unit-rate=25 standing-charge=60.97 from=2027-04-01",
                        "newid eich pris i 25.00c y kWh, gyda thâl sefydlog o 60.97c y dydd"
                                + " o ddydd Iau 1 Ebrill 2027 ymlaen"),
                Arguments.of(
                        "change-price unit-rate=25 standing-charge=60.97 from=2026-12-02",
                        "newid eich pris i 25.00c y kWh, gyda thâl sefydlog o 60.97c y dydd o yfory ymlaen"),
                Arguments.of(
                        "change-time-of-use-price peak-rate=30.1 off-peak-rate=15.2 off-peak-start=23:30"
                                + " off-peak-end=06:30 standing-charge=55 from=2026-12-03",
                        "newid eich pris i 30.10c y kWh, a 15.20c y kWh o 23:30 tan 06:30, gyda thâl sefydlog o"
                                + " 55.00c y dydd o ddydd Iau ymlaen"),
                Arguments.of(
                        "set-friendly-credit-period slot=1 start=16:00 end=10:00 days=weekdays",
                        "cadw eich cyflenwad ymlaen o 16:00 tan 10:00 o ddydd Llun i ddydd Gwener, hyd yn oed os"
                                + " daw eich credyd i ben (oriau cyfeillgar 1)"),
                Arguments.of(
                        "set-friendly-credit-period slot=2 start=00:00 end=00:00 days=sat,sun bank-holidays=true",
                        "cadw eich cyflenwad ymlaen drwy'r dydd ar benwythnosau ac ar wyliau banc, hyd yn oed os"
                                + " daw eich credyd i ben (oriau cyfeillgar 2)"),
                Arguments.of(
                        "set-friendly-credit-period slot=3 start=18:00 end=08:00 days=mon,wed,fri",
                        "cadw eich cyflenwad ymlaen o 18:00 tan 08:00 bob dydd Llun, dydd Mercher a dydd Gwener,"
                                + " hyd yn oed os daw eich credyd i ben (oriau cyfeillgar 3)"),
                Arguments.of(
                        "set-friendly-credit-period slot=1 start=00:00 end=00:00 days=all",
                        "cadw eich cyflenwad ymlaen drwy'r dydd bob dydd, hyd yn oed os daw eich credyd i ben"
                                + " (oriau cyfeillgar 1)"),
                Arguments.of(
                        "set-friendly-credit-period slot=4 start=00:00 end=00:00 days=none",
                        "dileu oriau cyfeillgar 4"),
                Arguments.of(
                        "set-non-disconnect-period start=2026-12-01T06:00:00Z end=2026-12-04T18:00:00Z",
                        "cadw eich cyflenwad ymlaen tan ddydd Gwener am 18:00"),
                Arguments.of(
                        "set-non-disconnect-period start=2026-12-02T06:00:00Z end=2026-12-02T18:00:00Z",
                        "cadw eich cyflenwad ymlaen o yfory am 06:00 tan yfory am 18:00"),
                Arguments.of(
                        "set-non-disconnect-period start=2026-12-01T06:00:00Z end=2026-12-20T18:00:00Z",
                        "cadw eich cyflenwad ymlaen tan ddydd Sul 20 Rhagfyr am 18:00"),
                Arguments.of(
                        "open-han device=ppmid minutes=30",
                        "gadael i fysellbad talu ymlaen llaw newydd (PPMID) gysylltu â'ch mesurydd am y 30 munud"
                                + " nesaf"),
                Arguments.of(
                        "open-han device=ihd minutes=120",
                        "gadael i ddangosydd ynni newydd yn y cartref gysylltu â'ch mesurydd am y 2 awr nesaf"),
                Arguments.of(
                        "open-han device=cad minutes=1",
                        "gadael i ddyfais mynediad defnyddiwr newydd gysylltu â'ch mesurydd am y munud nesaf"),
                Arguments.of("change-mode mode=prepayment", "newid eich mesurydd i dalu wrth fynd"),
                Arguments.of("change-mode mode=credit", "newid eich mesurydd i dalu drwy fil (modd credyd)"),
                Arguments.of("revert-to-default", "rhoi gosodiadau safonol eich cyflenwr yn ôl ar eich mesurydd"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("welsh")
    void saysWhatTheCodeDoesInWelsh(String command, String words) {
        assertThat(CommandWords.describe(parse(command), TUESDAY_MORNING.in(Language.WELSH)))
                .isEqualTo(words);
    }

    @Test
    void everyCommandHasWordsInBothLanguagesAndTheyDiffer() {
        Set<CommandType> english = EnumSet.noneOf(CommandType.class);
        Set<CommandType> cymraeg = EnumSet.noneOf(CommandType.class);
        commands().forEach(a -> english.add(parse((String) a.get()[0]).type()));
        welsh().forEach(a -> cymraeg.add(parse((String) a.get()[0]).type()));

        assertThat(english).containsExactlyInAnyOrder(CommandType.values());
        assertThat(cymraeg).containsExactlyInAnyOrder(CommandType.values());
    }

    @Test
    void everyDeviceAndEveryRegisterHasWelshWords() {
        for (OpenHan.Device device : OpenHan.Device.values()) {
            String words = CommandWords.describe(new OpenHan(device, 30), TUESDAY_MORNING.in(Language.WELSH));
            assertThat(words).startsWith("gadael i ").doesNotContain("new ").doesNotContain("null");
        }
        for (DebtRegister register : DebtRegister.values()) {
            String words = CommandWords.describe(new AddDebt(register, 100), TUESDAY_MORNING.in(Language.WELSH));
            assertThat(words).startsWith("ychwanegu £1.00 at ").doesNotContain("debt");
        }
    }

    @Test
    void keptWordsNameTheDateAndTheZone() {
        When kept = TUESDAY_MORNING.absolute().withZone();
        MeterCommand storm = parse("set-non-disconnect-period start=2026-12-01T06:00:00Z end=2026-12-02T18:00:00Z");

        assertThat(CommandWords.describe(storm, kept))
                .isEqualTo("keeps your supply on until Wednesday 2 December 18:00 GMT");
        assertThat(CommandWords.describe(storm, kept.in(Language.WELSH)))
                .isEqualTo("cadw eich cyflenwad ymlaen tan ddydd Mercher 2 Rhagfyr am 18:00 GMT");
        assertThat(When.at(Instant.parse("2026-06-01T09:00:00Z"))
                        .withZone()
                        .moment(Instant.parse("2026-06-01T17:00:00Z")))
                .isEqualTo("today 18:00 BST");
    }

    @Test
    void welshDatesNameDayAndMonthInWelsh() {
        When when = When.at(Instant.parse("2026-12-30T09:00:00Z")).in(Language.WELSH);

        assertThat(when.day(java.time.LocalDate.parse("2027-01-15"))).isEqualTo("dydd Gwener 15 Ionawr 2027");
        assertThat(when.day(java.time.LocalDate.parse("2027-01-02"))).isEqualTo("dydd Sadwrn");
        assertThat(when.day(java.time.LocalDate.parse("2026-12-30"))).isEqualTo("heddiw");
    }

    @Test
    void moneyAndPricesInBothLanguages() {
        assertThat(CommandWords.money(-1234)).isEqualTo("-£12.34");
        assertThat(CommandWords.price(UnitPrice.parse("rate", "27.5"), Language.ENGLISH))
                .isEqualTo("27.50p");
        assertThat(CommandWords.price(UnitPrice.parse("rate", "27.5"), Language.WELSH))
                .isEqualTo("27.50c");
    }

    @Test
    void languageFollowsTheTag() {
        assertThat(Language.ofTag("cy-GB")).isEqualTo(Language.WELSH);
        assertThat(Language.ofTag("CY")).isEqualTo(Language.WELSH);
        assertThat(Language.ofTag("en-GB")).isEqualTo(Language.ENGLISH);
        assertThat(Language.ofTag(null)).isEqualTo(Language.ENGLISH);
    }

    @Test
    void aStoredTagIsReadExactlyOrNotAtAll() {
        assertThat(Language.fromTag("cy")).contains(Language.WELSH);
        assertThat(Language.fromTag("en")).contains(Language.ENGLISH);
        assertThat(Language.fromTag("cy-GB")).isEmpty();
        assertThat(Language.fromTag("CY")).isEmpty();
        assertThat(Language.fromTag(null)).isEmpty();
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
