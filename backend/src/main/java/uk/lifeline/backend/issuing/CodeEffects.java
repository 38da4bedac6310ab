package uk.lifeline.backend.issuing;

import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import uk.lifeline.command.MeterCommand;

/**
 * What a command would do to the meter's balance and supply. The tariff and balance engine in the shared
 * module (issue 3) computes this from the meter's state; until the backend keeps meter state to run it on, only
 * what the command itself says is reported, and no numbers are made up. Thread-safe.
 */
@Component
class CodeEffects {

    CodePreview.Effect effect(MeterCommand command, Instant now) {
        return new CodePreview.Effect(false, List.of(
                "the meter applies " + command.type().commandName() + " with the parameters shown",
                "the effect on balance, debt and supply needs the meter's current state, which the backend does"
                        + " not hold yet"), null);
    }
}
