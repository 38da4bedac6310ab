package uk.lifeline.backend.issuing;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * What an agent asks for: a command by name (as the CLI writes it, e.g. {@code top-up}), its parameters as
 * NAME=VALUE (numbers may be sent as JSON numbers), and why. Immutable.
 */
public record IssueRequest(
        @NotBlank @Size(max = 60) String command,
        @Size(max = 10) Map<String, String> parameters,
        @NotBlank @Size(max = 500) String reason) {

    public Map<String, String> parametersOrEmpty() {
        return parameters == null ? Map.of() : parameters;
    }
}
