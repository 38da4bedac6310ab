package uk.lifeline.command;

import java.util.Map;
import java.util.Objects;

/** Switches the meter between credit (pay later) and prepayment mode. Immutable. */
public record ChangeMode(Mode mode) implements MeterCommand {

    /** Code value = ordinal; never reorder. */
    public enum Mode {
        CREDIT,
        PREPAYMENT
    }

    public ChangeMode {
        Objects.requireNonNull(mode, "mode");
    }

    static ChangeMode read(FieldReader in) {
        return new ChangeMode(Mode.values()[(int) in.take(1)]);
    }

    @Override
    public CommandType type() {
        return CommandType.CHANGE_MODE;
    }

    @Override
    public void writeTo(FieldWriter out) {
        out.put(mode.ordinal(), 1);
    }

    @Override
    public Map<String, String> parameters() {
        return Parameters.ordered("mode", Parameters.name(mode));
    }
}
