package uk.lifeline.command;

import java.util.Map;

/** Sets the meter balance to a value, e.g. after an overcharge. Same value encoding as a top-up. Immutable. */
public record SetCredit(long balancePence) implements MeterCommand {

    public SetCredit {
        CommandParameters.BALANCE.checkCredit(balancePence);
    }

    @Override
    public CommandType type() {
        return CommandType.SET_CREDIT;
    }

    @Override
    public void writeTo(FieldWriter out) {
        CreditValue.put(out, balancePence);
    }

    @Override
    public Map<String, String> parameters() {
        return Parameters.ordered("balance", Pence.toPounds(balancePence));
    }
}
