package uk.lifeline.command;

import java.util.Map;

/** Takes credit off the meter balance, e.g. a top-up applied twice. Same value encoding as a top-up. Immutable. */
public record DeductCredit(long amountPence) implements MeterCommand {

    public DeductCredit {
        CommandParameters.CREDIT_AMOUNT.checkCredit(amountPence);
    }

    @Override
    public CommandType type() {
        return CommandType.DEDUCT_CREDIT;
    }

    @Override
    public void writeTo(FieldWriter out) {
        CreditValue.put(out, amountPence);
    }

    @Override
    public Map<String, String> parameters() {
        return Parameters.ordered("amount", Pence.toPounds(amountPence));
    }
}
