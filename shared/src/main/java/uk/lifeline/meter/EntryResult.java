package uk.lifeline.meter;

import uk.lifeline.command.MeterCommand;

/** What the meter says after a block is entered. Immutable. */
public sealed interface EntryResult {

    /** The code is complete, authentic, fresh and valid: the meter applies the command. */
    record Accepted(MeterCommand command, long utrnCounter) implements EntryResult {}

    /** A block of a chained code was taken; the meter waits for block {@code entered + 1} of {@code total}. */
    record AwaitingBlock(int entered, int total) implements EntryResult {}

    /** The block or code was refused and nothing changed but the lockout count. */
    record Rejected(Rejection reason, String detail) implements EntryResult {}
}
