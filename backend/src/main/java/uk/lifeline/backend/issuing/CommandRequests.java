package uk.lifeline.backend.issuing;

import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;
import uk.lifeline.command.CommandType;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.command.ParameterOutOfRangeException;
import uk.lifeline.command.Parameters;

/**
 * Builds the command an {@link IssueRequest} names, turning the shared module's refusals into typed API errors:
 * an unknown command, a parameter out of range (naming the field and the allowed range), or parameters missing
 * or not taken by the command. Stateless.
 */
final class CommandRequests {

    private CommandRequests() {}

    static MeterCommand parse(IssueRequest request) {
        CommandType type;
        try {
            type = CommandType.ofName(request.command());
            // Exactly as written: " top-up" or "TOP-UP" is not a command's name (issue 12).
            if (!type.commandName().equals(request.command())) {
                throw new IllegalArgumentException("'" + request.command() + "' is not a command's name; the names"
                        + " are lower case with no spaces, e.g. top-up");
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.field(ProblemType.UNKNOWN_COMMAND, "command", e.getMessage(), null);
        }
        try {
            return type.fromParameters(Parameters.of(request.parametersOrEmpty()));
        } catch (ParameterOutOfRangeException e) {
            throw ApiException.field(
                    ProblemType.PARAMETER_OUT_OF_RANGE, "parameters." + e.parameter(), e.getMessage(), e.allowed());
        } catch (IllegalArgumentException e) {
            throw ApiException.field(ProblemType.INVALID_PARAMETERS, "parameters", e.getMessage(), null);
        }
    }
}
