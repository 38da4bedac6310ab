package uk.lifeline.backend.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import uk.lifeline.code.CodeLayout;
import uk.lifeline.command.CommandType;
import uk.lifeline.command.ParameterSpec;

/**
 * Every command a code can carry, with each parameter's label, kind, unit, range, decimals and choices, as the
 * consoles build their forms from it. Generated from {@code shared}'s {@link CommandType} and its
 * {@link ParameterSpec}s, so the consoles never keep a copy of a range. Immutable.
 */
public record CommandCatalog(List<Command> commands) {

    /** One command: its API name, label, and how many blocks (and digits) its code has. */
    public record Command(String name, String label, int blocks, int digits, List<Parameter> parameters) {}

    /**
     * One parameter. {@code min} and {@code max} are written as the parameter is ("0.01", "2024-01-02");
     * {@code allowed} is the range in the words an out-of-range error uses.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Parameter(
            String name,
            String label,
            String kind,
            String unit,
            String min,
            String max,
            Integer decimals,
            String wholePoundsAbove,
            String allowed,
            boolean optional,
            List<Choice> choices,
            OnlyWhen onlyWhen) {}

    public record Choice(String value, String label) {}

    /** The parameter is taken only while {@code parameter} has one of {@code values}. */
    public record OnlyWhen(String parameter, List<String> values) {}

    /** The catalog for every {@link CommandType}, in the order agents reach for them. */
    public static CommandCatalog of() {
        List<Command> commands = new ArrayList<>();
        for (CommandType type : CommandType.values()) {
            List<Parameter> parameters = new ArrayList<>();
            for (ParameterSpec p : type.parameters()) {
                parameters.add(parameter(p));
            }
            commands.add(new Command(
                    type.commandName(),
                    type.label(),
                    type.blocks(),
                    type.blocks() * CodeLayout.BLOCK_DIGITS,
                    List.copyOf(parameters)));
        }
        return new CommandCatalog(List.copyOf(commands));
    }

    private static Parameter parameter(ParameterSpec p) {
        List<Choice> choices =
                p.choices().stream().map(c -> new Choice(c.value(), c.label())).toList();
        return new Parameter(
                p.name(),
                p.label(),
                p.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                p.unit(),
                p.min(),
                p.max(),
                p.decimals() < 0 ? null : p.decimals(),
                p.wholePoundsAbove(),
                p.allowed(),
                p.isOptional(),
                choices.isEmpty() ? null : choices,
                p.onlyWhen() == null
                        ? null
                        : new OnlyWhen(p.onlyWhen().parameter(), p.onlyWhen().values()));
    }
}
