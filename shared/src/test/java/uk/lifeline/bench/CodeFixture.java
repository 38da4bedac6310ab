package uk.lifeline.bench;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import uk.lifeline.code.CodeKey;
import uk.lifeline.code.Eui64;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.command.Parameters;
import uk.lifeline.meter.DecoderSettings;
import uk.lifeline.meter.MeterCodeState;
import uk.lifeline.meter.ReferenceMeterDecoder;

/**
 * One supplier and one meter with freshly generated P-256 key pairs (the published GBCS test keys lack the
 * meter's private key), the two {@link CodeKey}s they agree, and a command for each code size. Immutable.
 */
final class CodeFixture {

    static final Eui64 ORIGINATOR = Eui64.parse("90B3D51F30010000");
    static final Eui64 DEVICE = Eui64.parse("00DB1234567890A0");
    // Fixed, so no run of the decoder depends on the wall clock.
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);

    final KeyPair supplier;
    final KeyPair meter;
    final CodeKey issuing;
    final CodeKey metering;

    private CodeFixture(KeyPair supplier, KeyPair meter) throws GeneralSecurityException {
        this.supplier = supplier;
        this.meter = meter;
        this.issuing = CodeKey.agree(supplier.getPrivate(), meter.getPublic(), ORIGINATOR, DEVICE);
        this.metering = CodeKey.agree(meter.getPrivate(), supplier.getPublic(), ORIGINATOR, DEVICE);
    }

    static CodeFixture generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return new CodeFixture(generator.generateKeyPair(), generator.generateKeyPair());
    }

    /** A meter as it leaves the factory: no counter accepted yet. */
    ReferenceMeterDecoder freshDecoder() {
        return new ReferenceMeterDecoder(metering, DecoderSettings.DEFAULTS, MeterCodeState.FACTORY_FRESH, CLOCK);
    }

    /** A typical command whose code has {@code blocks} blocks: a top-up, a price change, a time-of-use price. */
    static MeterCommand command(int blocks) {
        String[] example;
        switch (blocks) {
            case 1:
                example = new String[] {"top-up", "amount=12.34"};
                break;
            case 2:
                example = new String[] {"change-price", "unit-rate=24.862", "standing-charge=60.97"};
                break;
            case 3:
                example = new String[] {
                    "change-time-of-use-price",
                    "peak-rate=27.03",
                    "off-peak-rate=12.5",
                    "off-peak-start=23:30",
                    "off-peak-end=06:30",
                    "standing-charge=53.35"
                };
                break;
            default:
                throw new IllegalArgumentException("a code has 1 to 3 blocks, not " + blocks);
        }
        MeterCommand command = MeterCommand.parse(
                example[0], Parameters.parse(Arrays.asList(example).subList(1, example.length)));
        // The figures are reported per code size, so a layout change that moves a command must not go unseen.
        if (command.type().blocks() != blocks) {
            throw new AssertionError(example[0] + " no longer makes a " + blocks + "-block code");
        }
        return command;
    }
}
