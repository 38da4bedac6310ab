package uk.lifeline.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import uk.lifeline.code.CodeEncoder;
import uk.lifeline.code.CodeKey;
import uk.lifeline.code.CommandCode;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.testing.CommandArbitraries;
import uk.lifeline.testing.TestKeys;

/** What a customer mistypes, the meter reports as a typo, and it never counts towards the keypad lockout. */
class TypoProperties {

    private static final CodeKey ISSUING = TestKeys.issuingKey();

    @Provide
    Arbitrary<MeterCommand> commands() {
        return CommandArbitraries.anyCommand();
    }

    private static ReferenceMeterDecoder freshMeter() {
        return new ReferenceMeterDecoder(
                TestKeys.meterKey(),
                DecoderSettings.DEFAULTS,
                MeterCodeState.FACTORY_FRESH,
                Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC));
    }

    @Property(tries = 300)
    void everySingleDigitChangeInAnyBlockIsReportedAsATypo(
            @ForAll("commands") MeterCommand command, @ForAll @LongRange(min = 1, max = 512) long counter) {
        CommandCode code = CodeEncoder.encode(command, counter, ISSUING);
        ReferenceMeterDecoder meter = freshMeter();
        for (String block : code.blocks()) {
            for (int i = 0; i < block.length(); i++) {
                for (char d = '0'; d <= '9'; d++) {
                    if (d != block.charAt(i)) {
                        assertTypo(meter.enterBlock(block.substring(0, i) + d + block.substring(i + 1)));
                    }
                }
            }
        }
        assertThat(meter.state().failures()).isZero();
    }

    @Property(tries = 300)
    void everyAdjacentSwapInAnyBlockIsReportedAsATypo(
            @ForAll("commands") MeterCommand command, @ForAll @LongRange(min = 1, max = 512) long counter) {
        CommandCode code = CodeEncoder.encode(command, counter, ISSUING);
        ReferenceMeterDecoder meter = freshMeter();
        for (String block : code.blocks()) {
            for (int i = 0; i + 1 < block.length(); i++) {
                if (block.charAt(i) != block.charAt(i + 1)) {
                    assertTypo(meter.enterBlock(
                            block.substring(0, i) + block.charAt(i + 1) + block.charAt(i) + block.substring(i + 2)));
                }
            }
        }
        assertThat(meter.state().failures()).isZero();
        // After all those typos the real code still goes in first time.
        assertThat(meter.enterCode(code.digits())).isEqualTo(new EntryResult.Accepted(command, counter));
    }

    private static void assertTypo(EntryResult result) {
        assertThat(result).isInstanceOf(EntryResult.Rejected.class);
        assertThat(((EntryResult.Rejected) result).reason()).isEqualTo(Rejection.TYPO);
    }
}
