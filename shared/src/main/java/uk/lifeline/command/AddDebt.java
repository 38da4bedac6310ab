package uk.lifeline.command;

import java.util.Map;

/** Adds an amount to one debt register. Immutable. */
public record AddDebt(DebtRegister register, long amountPence) implements MeterCommand {

    public AddDebt {
        java.util.Objects.requireNonNull(register, "register");
        CommandParameters.DEBT_AMOUNT.check(amountPence);
    }

    @Override
    public CommandType type() {
        return CommandType.ADD_DEBT;
    }

    @Override
    public Setting setting() {
        return register.setting();
    }

    @Override
    public void writeTo(FieldWriter out) {
        register.put(out);
        out.put(amountPence, DebtRegister.AMOUNT_BITS);
    }

    @Override
    public Map<String, String> parameters() {
        return Parameters.ordered("register", Parameters.name(register), "amount", Pence.toPounds(amountPence));
    }
}
