package uk.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.lifeline.json.JsonReader;

/** {@code lifeline-codes simulate}: its files, formats and every way they can be wrong. */
class SimulateTest {

    @TempDir
    Path dir;

    private final CliRunner cli = new CliRunner();
    private Path meter;
    private Path readings;

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, Arrays.asList(lines), StandardCharsets.UTF_8);
        return file;
    }

    @BeforeEach
    void files() throws IOException {
        meter = write(
                "meter.json",
                "{\"tariff\": {\"type\": \"single-rate\", \"unit-rate\": 10, \"standing-charge\": 50},",
                " \"state\": {\"balance\": \"0.25\"}}");
        readings = write(
                "readings.csv",
                "start,kwh",
                "2026-12-02T12:00Z,1.000",
                "2026-12-02T12:30Z,1.000",
                "2026-12-02T13:00Z,1.000");
    }

    private int simulate(String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "simulate";
        args[1] = "--meter";
        args[2] = meter.toString();
        args[3] = "--consumption";
        System.arraycopy(more, 0, args, 4, more.length);
        return cli.run(args);
    }

    @Test
    void printsTheTimelineAsCsvThenTheFinalState() {
        assertThat(simulate(readings.toString())).isZero();
        String[] lines = cli.stdout.split("\\R");
        assertThat(lines[0])
                .isEqualTo(
                        "at,change,amount,balance,emergency_credit,time_debt_1,time_debt_2,payment_debt,accumulated_debt,supply,note");
        assertThat(lines[1]).isEqualTo("2026-12-02T12:30Z,energy-charge,0.10,0.15,,0.00,0.00,0.00,0.00,enabled,");
        assertThat(cli.stdout)
                .contains("\n\nfield,value\n")
                .contains("\nbalance,0.00\n")
                .contains("\nsupply,disabled\n")
                .contains("\naccumulated-debt,0.05\n");
    }

    @Test
    void printsJsonLinesThatParse() {
        assertThat(simulate(readings.toString(), "--format", "jsonl")).isZero();
        String[] lines = cli.stdout.split("\\R");
        for (String line : lines) {
            assertThat(JsonReader.parse(line)).isInstanceOf(java.util.Map.class);
        }
        assertThat(lines[0]).contains("\"change\":\"energy-charge\"").contains("\"emergency-credit\":null");
        assertThat(lines[lines.length - 1]).startsWith("{\"final-state\":{").contains("\"balance\":\"0.00\"");
    }

    @Test
    void takesEventsAndShowsRefusals() throws IOException {
        Path events = write(
                "events.txt",
                "# comment",
                "",
                "2026-12-02T12:10Z top-up amount=101",
                "2026-12-02T12:20Z button",
                "2026-12-02T12:40Z emergency-credit",
                "2026-12-02T13:00Z set-friendly-credit-period slot=1 start=16:00 end=10:00 days=mon,tue");
        assertThat(simulate(readings.toString(), "--events", events.toString())).isZero();
        assertThat(cli.stdout)
                .contains(",refused,0.00,0.25,,0.00,0.00,0.00,0.00,enabled,top-up amount=101.00: over-maximum-credit:")
                .contains("button: supply-not-armed: the supply is enabled")
                .contains("emergency-credit-activated,10.00")
                .contains(
                        "\"set-friendly-credit-period slot=1 start=16:00 end=10:00 days=mon,tue bank-holidays=false\"");
    }

    @Test
    void usageErrorsExit64() {
        assertThat(cli.run("simulate", "--meter", meter.toString())).isEqualTo(64);
        assertThat(cli.stderr).contains("needs --meter and --consumption").contains("usage:");
        assertThat(cli.run(
                        "simulate",
                        "--meter",
                        meter.toString(),
                        "--meter",
                        meter.toString(),
                        "--consumption",
                        readings.toString()))
                .isEqualTo(64);
        assertThat(cli.run("simulate", "--colour", "red")).isEqualTo(64);
        assertThat(cli.run("simulate", "--meter")).isEqualTo(64);
    }

    @Test
    void aMissingFileExits66() {
        assertThat(simulate(dir.resolve("none.csv").toString())).isEqualTo(66);
    }

    @Test
    void aBadFormatExits65() {
        assertThat(simulate(readings.toString(), "--format", "xml")).isEqualTo(65);
        assertThat(cli.stderr).contains("--format is csv or jsonl");
    }

    @Test
    void badReadingsAreRefusedNamingTheLine() throws IOException {
        assertBad(write("a.csv", "time,kwh", "2026-12-02T12:00Z,1"), "the first line must be the header start,kwh");
        assertBad(write("b.csv", "start,kwh"), "no readings");
        assertBad(
                write("c.csv", "start,kwh", "2026-12-02T12:00Z,1", "2026-12-02T13:00Z,1"),
                "line 3: expected the half hour starting 2026-12-02T12:30:00Z");
        assertBad(write("d.csv", "start,kwh", "2026-12-02T12:00,1"), "line 2: '2026-12-02T12:00' is not a date-time");
        assertBad(write("e.csv", "start,kwh", "2026-12-02T12:00Z,0.0001"), "at most three decimals");
        assertBad(write("f.csv", "start,kwh", "2026-12-02T12:00Z,-1"), "0 or more");
        assertBad(write("g.csv", "start,kwh", "2026-12-02T12:00Z"), "line 2: expected start,kwh");
        assertBad(write("h.csv", "start,kwh", "2026-12-02T12:15Z,1"), "on the half hour");
    }

    @Test
    void readingsMayUseAnyOffset() throws IOException {
        Path bst = write("bst.csv", "start,kwh", "2026-07-01T13:00+01:00,1.000", "2026-07-01T12:30Z,1.000");
        assertThat(simulate(bst.toString())).isZero();
    }

    @Test
    void badEventsAreRefusedNamingTheLine() throws IOException {
        assertBadEvents("2026-12-02T12:10Z", "line 1: expected AT WHAT");
        assertBadEvents("2026-12-02T12:10Z button now", "line 1: button takes no parameters");
        assertBadEvents("2026-12-02T12:10Z top-up amount=lots", "line 1: amount lots is out of range");
        assertBadEvents("2026-12-02T12:10Z dance", "line 1: unknown command 'dance'");
        assertBadEvents("2026-12-03T12:10Z button", "events must fall within the readings");
    }

    @Test
    void badConfigurationIsRefusedNamingTheMember() throws IOException {
        assertBadMeter(
                "{\"tariff\": {\"type\": \"single-rate\", \"unit-rate\": 10}}", "tariff.standing-charge is missing");
        assertBadMeter(
                "{\"tariff\": {\"type\": \"flat\"}}", "tariff.type 'flat' is not single-rate, time-of-use or block");
        assertBadMeter("{}", "tariff is missing");
        assertBadMeter("[]", "the file must be a JSON object");
        assertBadMeter("{\"tariff\": 1}", "tariff must be a JSON object");
        assertBadMeter(tariff() + ", \"colour\": \"red\"}", "unknown colour");
        assertBadMeter(
                tariff() + ", \"emergency-credit-limit\": \"1.001\"}", "emergency-credit-limit 1.001 is out of range");
        assertBadMeter(
                tariff() + ", \"suspend-debt-disabled\": \"yes\"}", "suspend-debt-disabled must be true or false");
        assertBadMeter(tariff() + ", \"bank-holidays\": \"wales\"}", "unknown bank-holiday division 'wales'");
        assertBadMeter(tariff() + ", \"friendly-credit\": {}}", "friendly-credit must be a JSON array");
        assertBadMeter(
                tariff() + ", \"friendly-credit\": [{\"slot\": 5, \"start\": \"16:00\", \"end\": \"10:00\"}]}",
                "slot 5 is out of range");
        assertBadMeter(tariff() + ", \"state\": {\"supply\": \"off\"}}", "state.supply off is out of range");
        assertBadMeter(
                tariff() + ", \"state\": {\"debts\": [{\"register\": \"payment-based\", \"amount\": \"1\"}]}}",
                "missing parameter percent");
        assertBadMeter(
                tariff() + ", \"time-debt-cap\": {\"amount\": \"1\", \"period\": \"year\"}}",
                "time-debt-cap.period year is out of range");
        assertBadMeter(
                "{\"tariff\": {\"type\": \"time-of-use\", \"rates\": [{\"from\": \"07:00\", \"rate\": 1}],"
                        + " \"standing-charge\": 1}}",
                "at least two rates");
        assertBadMeter(
                "{\"tariff\": {\"type\": \"block\", \"period\": \"month\", \"blocks\": [{\"up-to-kwh\": \"0.0005\","
                        + " \"rate\": 1}], \"standing-charge\": 1}}",
                "tariff.blocks[0].up-to-kwh");
        assertBadMeter("{\"tariff\": ", "expected a value at index 12 (end of input)");
    }

    @Test
    void everyTariffKindAndSettingIsRead() throws IOException {
        meter = write(
                "full.json",
                "{",
                "\"tariff\": {\"type\": \"block\", \"period\": \"month\", \"blocks\": [{\"up-to-kwh\": \"100\", \"rate\": \"30\"},",
                "  {\"rate\": \"20\"}], \"standing-charge\": \"50\"},",
                "\"mode\": \"prepayment\", \"bank-holidays\": \"scotland\",",
                "\"friendly-credit\": [{\"slot\": 2, \"start\": \"16:00\", \"end\": \"10:00\", \"days\": \"weekends\"}],",
                "\"emergency-credit-limit\": 5, \"emergency-credit-threshold\": \"0.50\", \"low-credit-threshold\": 1,",
                "\"disablement-threshold\": \"0.10\", \"maximum-meter-balance\": 200, \"maximum-credit-threshold\": 50,",
                "\"suspend-debt-emergency\": true, \"suspend-debt-disabled\": false,",
                "\"time-debt-cap\": {\"amount\": \"3.00\", \"period\": \"week\"},",
                "\"payment-debt-cap\": {\"amount\": \"5\", \"period\": \"month\"},",
                "\"state\": {\"balance\": \"-1.00\", \"emergency-credit\": \"2.00\", \"accumulated-debt\": \"0.40\",",
                "  \"supply\": \"armed\", \"debts\": [",
                "    {\"register\": \"time-based-1\", \"amount\": \"120.00\", \"rate\": \"1.50\", \"period\": \"per-day\"},",
                "    {\"register\": \"time-based-2\", \"amount\": \"10\", \"rate\": \"0.05\", \"period\": \"per-hour\"},",
                "    {\"register\": \"payment-based\", \"amount\": \"300\", \"percent\": 25}]}}");
        Path one = write("one.csv", "start,kwh", "2026-12-02T12:00Z,0.000");
        assertThat(simulate(one.toString())).as(cli.stderr).isZero();
        assertThat(cli.stdout)
                .contains("tariff,block per-month up-to-100.000-kwh=30.000 then=20.000 standing-charge=50.000")
                .contains("friendly-credit-2,\"16:00-10:00 days=sat,sun bank-holidays=false\"")
                .contains("time-debt-1,120.00\ntime-debt-1-rate,1.50 per-day")
                .contains("time-debt-2-rate,0.05 per-hour")
                .contains("payment-debt-percent,25")
                .contains("balance,-1.00\nemergency-credit-active,true\nemergency-credit-balance,2.00\n"
                        + "emergency-credit-used,3.00");
        meter = write(
                "tou.json",
                "{\"tariff\": {\"type\": \"time-of-use\", \"rates\": [{\"from\": \"23:30\", \"rate\":",
                " \"12.5\"}, {\"from\": \"06:30\", \"rate\": \"27.03\"}], \"standing-charge\": \"53.35\"}, \"mode\": \"credit\"}");
        assertThat(simulate(one.toString())).as(cli.stderr).isZero();
        assertThat(cli.stdout)
                .contains("tariff,time-of-use 06:30=27.030 23:30=12.500 standing-charge=53.350")
                .contains("mode,credit");
    }

    private static String tariff() {
        return "{\"tariff\": {\"type\": \"single-rate\", \"unit-rate\": 10, \"standing-charge\": 50}";
    }

    private void assertBad(Path file, String message) {
        assertThat(simulate(file.toString())).as(cli.stderr).isEqualTo(65);
        assertThat(cli.stderr).contains(message);
    }

    private void assertBadEvents(String line, String message) throws IOException {
        Path events = write("events.txt", line);
        assertThat(simulate(readings.toString(), "--events", events.toString()))
                .as(cli.stderr)
                .isEqualTo(65);
        assertThat(cli.stderr).contains(message);
    }

    private void assertBadMeter(String json, String message) throws IOException {
        meter = write("bad.json", json);
        assertThat(simulate(readings.toString())).as(cli.stderr).isEqualTo(65);
        assertThat(cli.stderr).startsWith("error: meter configuration ").contains(message);
    }
}
