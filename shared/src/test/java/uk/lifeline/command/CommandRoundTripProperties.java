package uk.lifeline.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import uk.lifeline.code.CodeEncoder;
import uk.lifeline.code.CodeKey;
import uk.lifeline.code.CommandCode;
import uk.lifeline.code.GbcsCheckDigit;
import uk.lifeline.meter.DecoderSettings;
import uk.lifeline.meter.EntryResult;
import uk.lifeline.meter.MeterCodeState;
import uk.lifeline.meter.ReferenceMeterDecoder;
import uk.lifeline.testing.CommandArbitraries;
import uk.lifeline.testing.TestKeys;

/** Every command, over its whole parameter range, survives encoding and the meter's decoding unchanged. */
class CommandRoundTripProperties {

    private static final CodeKey ISSUING = TestKeys.issuingKey();
    private static final CodeKey METER = TestKeys.meterKey();

    @Provide
    Arbitrary<MeterCommand> commands() {
        return CommandArbitraries.anyCommand();
    }

    @Property(tries = 3000)
    void meterDecodesExactlyTheCommandThatWasEncoded(
            @ForAll("commands") MeterCommand command, @ForAll @LongRange(min = 1, max = 512) long counter) {
        CommandCode code = CodeEncoder.encode(command, counter, ISSUING);
        // A clock at the epoch: no non-disconnect period in range has ended yet.
        ReferenceMeterDecoder meter = new ReferenceMeterDecoder(
                METER,
                DecoderSettings.DEFAULTS,
                MeterCodeState.FACTORY_FRESH,
                Clock.fixed(CodeTime.EPOCH_INSTANT, ZoneOffset.UTC));

        EntryResult result = meter.enterCode(code.digits());

        assertThat(result).isEqualTo(new EntryResult.Accepted(command, counter));
    }

    @Property(tries = 3000)
    void codeLengthIsFixedByTheCommandTypeAndEveryBlockIsChecked(
            @ForAll("commands") MeterCommand command, @ForAll @LongRange(min = 1, max = 0xFFFFFFFFL) long counter) {
        CommandCode code = CodeEncoder.encode(command, counter, ISSUING);

        assertThat(code.blocks()).hasSize(command.type().blocks());
        assertThat(code.digits()).hasSize(20 * command.type().blocks()).containsOnlyDigits();
        assertThat(code.blocks()).allMatch(GbcsCheckDigit::isValid);
        assertThat(code.grouped()).matches("(\\d{4} ){4}\\d{4}( / (\\d{4} ){4}\\d{4}){0,2}");
    }

    @Property(tries = 3000)
    void parametersAsTextParseBackToTheSameCommand(@ForAll("commands") MeterCommand command) {
        MeterCommand parsed = MeterCommand.parse(command.type().commandName(), Parameters.of(command.parameters()));

        assertThat(parsed).isEqualTo(command);
    }

    @Property(tries = 500)
    void theSameCommandAndCounterAlwaysGiveTheSameCode(
            @ForAll("commands") MeterCommand command, @ForAll @LongRange(min = 1, max = 0xFFFFFFFFL) long counter) {
        // Twice in a row on one thread also exercises the JDK's same-key-and-IV guard in CodeKey.
        assertThat(CodeEncoder.encode(command, counter, ISSUING))
                .isEqualTo(CodeEncoder.encode(command, counter, ISSUING));
    }
}
