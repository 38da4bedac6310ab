package uk.lifeline.command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Sets one debt register's amount and how it is recovered. A time-based register recovers {@code rate} pence
 * per day or per hour; the payment-based register takes {@code rate} percent of each top-up. Immutable.
 */
public record SetDebt(DebtRegister register, long amountPence, long rate, Recovery recovery) implements MeterCommand {

    /** How the rate is read. Code value = ordinal; never reorder. */
    public enum Recovery {
        PER_DAY,
        PER_HOUR,
        PERCENT_OF_TOP_UP
    }

    static final int RATE_BITS = 16;
    static final int RECOVERY_BITS = 2;

    public SetDebt {
        Objects.requireNonNull(register, "register");
        Objects.requireNonNull(recovery, "recovery");
        CommandParameters.SET_DEBT_AMOUNT.check(amountPence);
        if (register.isTimeBased()) {
            if (recovery == Recovery.PERCENT_OF_TOP_UP) {
                throw new ParameterOutOfRangeException(
                        "period", "percent-of-top-up", "per-day or per-hour for a time-based register");
            }
            CommandParameters.DEBT_RATE.check(rate);
        } else {
            if (recovery != Recovery.PERCENT_OF_TOP_UP) {
                throw new ParameterOutOfRangeException(
                        "period", Parameters.name(recovery), "the payment-based register takes percent, not a period");
            }
            CommandParameters.DEBT_PERCENT.check(rate);
        }
    }

    static SetDebt from(Parameters p) {
        DebtRegister register = CommandParameters.REGISTER.choose(p, DebtRegister.class);
        if (register.isTimeBased()) {
            if (p.asMap().containsKey("percent")) {
                throw new ParameterOutOfRangeException(
                        "percent", p.text("percent"), "only for the payment-based register");
            }
            return new SetDebt(
                    register,
                    p.pence("amount"),
                    p.pence("rate"),
                    CommandParameters.DEBT_PERIOD.choose(p, Recovery.class));
        }
        if (p.asMap().containsKey("rate") || p.asMap().containsKey("period")) {
            throw new ParameterOutOfRangeException(
                    "rate", p.text("rate", p.text("period", "")), "the payment-based register takes percent=N instead");
        }
        return new SetDebt(register, p.pence("amount"), p.integer("percent"), Recovery.PERCENT_OF_TOP_UP);
    }

    static SetDebt read(FieldReader in) {
        DebtRegister register = DebtRegister.take(in);
        long amount = in.take(DebtRegister.AMOUNT_BITS);
        long rate = in.take(RATE_BITS);
        int recovery = (int) in.take(RECOVERY_BITS);
        if (recovery >= Recovery.values().length) {
            throw new ParameterOutOfRangeException("period", recovery, "0 to 2");
        }
        return new SetDebt(register, amount, rate, Recovery.values()[recovery]);
    }

    @Override
    public CommandType type() {
        return CommandType.SET_DEBT;
    }

    @Override
    public Setting setting() {
        return register.setting();
    }

    @Override
    public void writeTo(FieldWriter out) {
        register.put(out);
        out.put(amountPence, DebtRegister.AMOUNT_BITS).put(rate, RATE_BITS).put(recovery.ordinal(), RECOVERY_BITS);
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("register", Parameters.name(register));
        p.put("amount", Pence.toPounds(amountPence));
        if (register.isTimeBased()) {
            p.put("rate", Pence.toPounds(rate));
            p.put("period", Parameters.name(recovery));
        } else {
            p.put("percent", Long.toString(rate));
        }
        return p;
    }
}
