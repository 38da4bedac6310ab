package uk.lifeline.command;

/**
 * A command parameter outside what its code can carry or the meter can take. Names the parameter, the value
 * given and the allowed range, so a form can show it next to the right field. Immutable.
 */
public final class ParameterOutOfRangeException extends IllegalArgumentException {

    private final String parameter;
    private final String value;
    private final String allowed;

    public ParameterOutOfRangeException(String parameter, Object value, String allowed) {
        super(parameter + " " + value + " is out of range: " + allowed);
        this.parameter = parameter;
        this.value = String.valueOf(value);
        this.allowed = allowed;
    }

    /** The parameter's name as the CLI, the API and the spec write it, e.g. {@code amount}. */
    public String parameter() {
        return parameter;
    }

    public String value() {
        return value;
    }

    /** The allowed range in words, e.g. {@code 0.01 to 81.91, or whole pounds 82 to 8191}. */
    public String allowed() {
        return allowed;
    }
}
