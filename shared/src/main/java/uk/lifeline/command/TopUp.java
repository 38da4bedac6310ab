package uk.lifeline.command;

import java.util.Map;

/** Adds credit: the GBCS top-up UTRN, byte for byte. Immutable. */
public record TopUp(long amountPence) implements MeterCommand {

    public TopUp {
        CommandParameters.CREDIT_AMOUNT.checkCredit(amountPence);
    }

    @Override
    public CommandType type() {
        return CommandType.TOP_UP;
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
