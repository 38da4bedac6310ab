package uk.lifeline.code;

import java.util.ArrayList;
import java.util.List;
import uk.lifeline.command.CommandType;
import uk.lifeline.command.FieldWriter;
import uk.lifeline.command.MeterCommand;

/**
 * Makes codes: the supplier's side. Stateless and thread-safe; the per-meter {@link CodeKey} carries the cached
 * ECDH secret, and the caller owns the counter (one counter per supplier and meter, shared by every command).
 */
public final class CodeEncoder {

    /** UTRN counters are 32-bit and start at 1. */
    public static final long MAX_COUNTER = 0xFFFFFFFFL;

    private CodeEncoder() {}

    /**
     * Encodes {@code command} for the meter {@code key} was agreed with.
     *
     * @param utrnCounter the UTRN counter, 1 to 2^32-1: higher than any this meter has been sent, and at most
     *     512 above the highest it has accepted, or the meter cannot rebuild it
     */
    public static CommandCode encode(MeterCommand command, long utrnCounter, CodeKey key) {
        if (utrnCounter < 1 || utrnCounter > MAX_COUNTER) {
            throw new IllegalArgumentException("UTRN counter " + utrnCounter + " is out of range: 1 to " + MAX_COUNTER);
        }
        CommandType type = command.type();
        FieldWriter fields = new FieldWriter(CodeLayout.payloadBits(type.blocks()));
        command.writeTo(fields);
        long[] ptuts = CodeLayout.blocksWithoutMac(type, utrnCounter, fields.toReader());
        int last = ptuts.length - 1;
        ptuts[last] = CodeLayout.withMac(ptuts[last], key.mac(utrnCounter, CodeLayout.macInput(ptuts)));
        List<String> blocks = new ArrayList<>(ptuts.length);
        for (long ptut : ptuts) {
            blocks.add(Ptut.toDigits(ptut));
        }
        return new CommandCode(command, utrnCounter, blocks);
    }
}
