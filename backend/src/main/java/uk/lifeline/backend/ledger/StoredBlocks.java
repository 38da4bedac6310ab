package uk.lifeline.backend.ledger;

import java.util.List;

/**
 * How a many-row insert carries each code's blocks. PostgreSQL's {@code unnest} flattens an array of arrays, so
 * each code travels as one string, its blocks separated by a space, and the statement splits it back into the
 * {@code code.blocks} array with {@link #SPLIT}. Stateless.
 */
final class StoredBlocks {

    /** The SQL that turns a packed column {@code %s} back into the code's blocks. */
    static final String SPLIT = "string_to_array(%s, ' ')";

    private StoredBlocks() {}

    static String packed(List<String> blocks) {
        return String.join(" ", blocks);
    }
}
