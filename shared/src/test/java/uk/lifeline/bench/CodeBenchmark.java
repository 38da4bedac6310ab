package uk.lifeline.bench;

import java.security.GeneralSecurityException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import uk.lifeline.code.CodeEncoder;
import uk.lifeline.code.CodeKey;
import uk.lifeline.code.CommandCode;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.meter.EntryResult;
import uk.lifeline.meter.ReferenceMeterDecoder;

/**
 * Encoding and decoding one code of 1, 2 or 3 blocks once the supplier-meter ECDH secret is known, next to the
 * one cost neither can avoid: the KDF and AES-GCM tag of {@link CodeKey#mac} for a code of that size.
 */
public class CodeBenchmark {

    /** A supplier and meter whose {@link CodeKey}s are agreed, a command of the size under test, a counter. */
    @State(Scope.Thread)
    public static class Pair {

        @Param({"1", "2", "3"})
        public int blocks;

        CodeFixture keys;
        MeterCommand command;
        byte[] macInput;
        private long counter;

        @Setup
        public void setUp() throws GeneralSecurityException {
            keys = CodeFixture.generate();
            command = CodeFixture.command(blocks);
            // What CodeLayout.macInput gives: each earlier block's 8 bytes, then the last block's high 4.
            macInput = new byte[8 * (blocks - 1) + 4];
        }

        /** A new counter for each code, as a supplier issues them (and as AES-GCM requires of one Cipher). */
        long nextCounter() {
            counter = counter == CodeEncoder.MAX_COUNTER ? 1 : counter + 1;
            return counter;
        }
    }

    /**
     * Codes the meter has not seen, with counters 1, 2, 3... issued before the measurement, and the meter that
     * takes them. Its counter cache fills after 100 codes, so nearly every measured entry pays for a full cache:
     * a meter in service. Running out of codes starts a new factory-fresh meter, which takes them all again.
     */
    @State(Scope.Thread)
    public static class IssuedCodes {

        static final int BATCH = 1 << 16;
        // A factory-fresh meter rebuilds counters 1 to 512 from their 10 transmitted bits.
        static final int FRESH_METER_WINDOW = 512;

        private String[] digits;
        private ReferenceMeterDecoder meter;
        // JMH gives a state its own instance of each state it depends on, not the benchmark method's one: the
        // meter must come from the pair these codes were issued for.
        private Pair pair;
        private int next;

        @Setup(Level.Trial)
        public void issue(Pair pair) {
            this.pair = pair;
            digits = new String[BATCH];
            for (int i = 0; i < BATCH; i++) {
                digits[i] = CodeEncoder.encode(pair.command, i + 1, pair.keys.issuing)
                        .digits();
            }
        }

        @Setup(Level.Iteration)
        public void installMeter() {
            meter = pair.keys.freshDecoder();
            next = 0;
        }

        /** Enters the next code at the meter in service, replacing the meter first when the codes run out. */
        EntryResult enterAtMeterInService() {
            if (next == BATCH) {
                installMeter();
            }
            // Read the meter only after it may have been replaced: "meter.enterCode(nextCode())" would hand
            // counter 1 to the old meter, which rebuilds it as one above its highest and refuses the MAC.
            String code = digits[next++];
            return meter.enterCode(code);
        }

        /** Enters the next of the first 512 codes at a meter built from {@code FACTORY_FRESH} for it. */
        EntryResult enterAtFreshMeter() {
            return pair.keys.freshDecoder().enterCode(digits[next++ % FRESH_METER_WINDOW]);
        }
    }

    /** The per-code floor: GBCS KDF (one SHA-256) and the AES-GCM tag, for this code size's MAC input. */
    @Benchmark
    public int mac(Pair pair) {
        return pair.keys.issuing.mac(pair.nextCounter(), pair.macInput);
    }

    @Benchmark
    public CommandCode encode(Pair pair) {
        return CodeEncoder.encode(pair.command, pair.nextCounter(), pair.keys.issuing);
    }

    /** A whole code entered at a meter in service (full counter cache), through the reference decoder. */
    @Benchmark
    public EntryResult decode(IssuedCodes codes) {
        return accepted(codes.enterAtMeterInService());
    }

    /**
     * A whole code entered at a meter built from {@code FACTORY_FRESH} for this one code: the alternative to
     * resetting state per iteration. Its counter cache is empty, so against {@link #decode} this shows what the
     * cache costs a meter in service.
     */
    @Benchmark
    public EntryResult decodeOnFreshMeter(IssuedCodes codes) {
        return accepted(codes.enterAtFreshMeter());
    }

    // A refused code would measure the wrong path: fail the run instead.
    private static EntryResult accepted(EntryResult result) {
        if (!(result instanceof EntryResult.Accepted)) {
            throw new IllegalStateException("the meter refused a benchmark code: " + result);
        }
        return result;
    }
}
