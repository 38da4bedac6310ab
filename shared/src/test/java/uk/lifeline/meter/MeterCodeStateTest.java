package uk.lifeline.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.lifeline.code.CodeEncoder;
import uk.lifeline.code.CommandCode;
import uk.lifeline.command.Setting;
import uk.lifeline.meter.EntryResult.Accepted;
import uk.lifeline.testing.Examples;
import uk.lifeline.testing.SettableClock;
import uk.lifeline.testing.TestKeys;

class MeterCodeStateTest {

    @TempDir
    Path dir;

    @Test
    void aStateFileThatDoesNotExistYetIsAFactoryFreshMeter() throws IOException {
        assertThat(MeterCodeState.load(dir.resolve("new-meter.state"))).isEqualTo(MeterCodeState.FACTORY_FRESH);
    }

    @Test
    void everyFieldSurvivesSaveAndLoad() throws IOException {
        java.util.Map<Setting, Long> accepted = new java.util.EnumMap<>(Setting.class);
        accepted.put(Setting.CREDIT, 700L);
        accepted.put(Setting.TARIFF, 650L);
        MeterCodeState state = new MeterCodeState(
                700,
                Arrays.asList(698L, 700L, 650L),
                accepted,
                java.util.Collections.singletonMap(Setting.TARIFF, 650L),
                3,
                2,
                Instant.parse("2026-11-23T08:00:10Z"),
                new MeterCodeState.PendingCode(
                        7,
                        700 & 1023,
                        Arrays.asList(0x1234_5678_9ABC_DEFL, 0x0FFF_FFFF_FFFF_FFFFL),
                        Instant.parse("2026-11-23T08:01:00Z")));
        Path file = dir.resolve("meter.state");

        state.save(file);

        assertThat(MeterCodeState.load(file)).isEqualTo(state);
        assertThat(Files.exists(dir.resolve("meter.state.tmp"))).isFalse();
    }

    @Test
    void aMeterRestartedFromItsFileRemembersWhatItAccepted() throws IOException {
        Path file = dir.resolve("meter.state");
        SettableClock clock = new SettableClock(Instant.parse("2026-11-23T08:00:00Z"));
        CommandCode topUp = CodeEncoder.encode(Examples.parse("top-up amount=20"), 1, TestKeys.issuingKey());
        CommandCode economy7 = CodeEncoder.encode(
                Examples.parse(Examples.commandLines().get("change to Economy 7")), 2, TestKeys.issuingKey());
        ReferenceMeterDecoder before = new ReferenceMeterDecoder(
                TestKeys.meterKey(), DecoderSettings.DEFAULTS, MeterCodeState.load(file), clock);
        assertThat(before.enterCode(topUp.digits())).isInstanceOf(Accepted.class);
        before.enterBlock(economy7.blocks().get(0));
        before.state().save(file);

        ReferenceMeterDecoder after = new ReferenceMeterDecoder(
                TestKeys.meterKey(), DecoderSettings.DEFAULTS, MeterCodeState.load(file), clock);

        assertThat(after.enterBlock(economy7.blocks().get(1))).isEqualTo(new EntryResult.AwaitingBlock(2, 3));
        assertThat(((EntryResult.Rejected) after.enterCode(topUp.digits())).reason())
                .isEqualTo(Rejection.DUPLICATE);
    }

    @Test
    void aVersionOneFileKeepsRefusingSetsOlderThanTheNewestCode() throws IOException {
        Path file = dir.resolve("meter.state");
        Files.write(
                file,
                String.join(
                                "\n",
                                "# Lifeline reference meter code state, version 1",
                                "highest-counter=12",
                                "accepted-counters=11,12",
                                "failures=0",
                                "lockouts=0",
                                "locked-until=1970-01-01T00:00:00Z",
                                "pending=")
                        .getBytes(StandardCharsets.UTF_8));
        ReferenceMeterDecoder meter = new ReferenceMeterDecoder(
                TestKeys.meterKey(),
                DecoderSettings.DEFAULTS,
                MeterCodeState.load(file),
                new SettableClock(Instant.parse("2026-11-23T08:00:00Z")));

        EntryResult olderSet =
                meter.enterCode(CodeEncoder.encode(Examples.parse("set-credit balance=5"), 10, TestKeys.issuingKey())
                        .digits());

        assertThat(((EntryResult.Rejected) olderSet).reason()).isEqualTo(Rejection.COUNTER_TOO_OLD);
        assertThat(meter.enterCode(CodeEncoder.encode(Examples.parse("top-up amount=5"), 10, TestKeys.issuingKey())
                        .digits()))
                .isInstanceOf(Accepted.class);
    }

    @Test
    void aVersionOneFileThatAlreadyHasPerSettingCountersKeepsThem() throws IOException {
        Path file = dir.resolve("meter.state");
        Files.write(
                file,
                String.join(
                                "\n",
                                "# Lifeline reference meter code state, version 1",
                                "highest-counter=12",
                                "accepted-counters=5,12",
                                "newest-accepted=TARIFF:5,CREDIT:12",
                                "newest-set=TARIFF:5",
                                "failures=0",
                                "lockouts=0",
                                "locked-until=1970-01-01T00:00:00Z",
                                "pending=")
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(MeterCodeState.load(file).newestAccepted())
                .containsEntry(Setting.TARIFF, 5L)
                .hasSize(2);
    }

    @Test
    void aFileWithAnUnknownHeaderIsRefused() throws IOException {
        Path file = dir.resolve("meter.state");
        Files.write(file, "# something else\nhighest-counter=1\n".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> MeterCodeState.load(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("header");
    }

    @Test
    void aDamagedStateFileIsReportedNotTreatedAsFresh() throws IOException {
        Path file = dir.resolve("meter.state");
        Files.write(
                file,
                "# Lifeline reference meter code state, version 2\nhighest-counter=seven\n"
                        .getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> MeterCodeState.load(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("damaged");
    }

    @Test
    void rejectionCodesAreStableAndLookedUpStrictly() {
        assertThat(Rejection.fromCode("bad-mac")).isEqualTo(Rejection.BAD_MAC);
        assertThat(Rejection.TYPO.exitStatus()).isEqualTo(10);
        assertThat(Rejection.EXPIRED.exitStatus()).isEqualTo(18);
        assertThat(Rejection.OUT_OF_WINDOW.exitStatus()).isEqualTo(19);
        assertThatThrownBy(() -> Rejection.fromCode("nope")).isInstanceOf(IllegalArgumentException.class);
    }
}
