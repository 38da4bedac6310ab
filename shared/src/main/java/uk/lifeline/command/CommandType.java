package uk.lifeline.command;

import static uk.lifeline.command.CommandParameters.*;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Every command a code can carry: its GBCS sub class, how many 20-digit blocks its code has, and the rule for
 * codes entered out of order. Sub class 0 is GBCS's own top-up; 1-12 are Lifeline's extension; 13-15 are
 * reserved. The values are part of the code format: never renumber them.
 */
public enum CommandType {
    TOP_UP(0, 1, Effect.ADJUSTS, Setting.CREDIT, "Top up credit", CREDIT_AMOUNT),
    DEDUCT_CREDIT(1, 1, Effect.ADJUSTS, Setting.CREDIT, "Deduct credit", CREDIT_AMOUNT),
    SET_CREDIT(2, 1, Effect.SETS, Setting.CREDIT, "Set the meter balance", BALANCE),
    ADD_DEBT(3, 2, Effect.ADJUSTS, null, "Add debt", REGISTER, DEBT_AMOUNT),
    DEDUCT_DEBT(4, 2, Effect.ADJUSTS, null, "Deduct debt", REGISTER, DEBT_AMOUNT),
    SET_DEBT(
            5,
            2,
            Effect.SETS,
            null,
            "Set a debt register",
            REGISTER,
            SET_DEBT_AMOUNT,
            DEBT_RATE,
            DEBT_PERIOD,
            DEBT_PERCENT),
    CHANGE_PRICE(6, 2, Effect.SETS, Setting.TARIFF, "Change price", UNIT_RATE, STANDING_CHARGE, FROM),
    CHANGE_TIME_OF_USE_PRICE(
            7,
            3,
            Effect.SETS,
            Setting.TARIFF,
            "Change time-of-use price",
            PEAK_RATE,
            OFF_PEAK_RATE,
            OFF_PEAK_START,
            OFF_PEAK_END,
            STANDING_CHARGE,
            FROM),
    SET_FRIENDLY_CREDIT_PERIOD(
            8,
            2,
            Effect.SETS,
            null,
            "Set a friendly-credit period",
            SLOT,
            WINDOW_START,
            WINDOW_END,
            DAYS,
            BANK_HOLIDAYS),
    SET_NON_DISCONNECT_PERIOD(
            9, 2, Effect.SETS, Setting.NON_DISCONNECT_PERIOD, "Set a non-disconnect period", PERIOD_START, PERIOD_END),
    OPEN_HAN(10, 1, Effect.SETS, Setting.HAN, "Open the home area network", DEVICE, MINUTES),
    CHANGE_MODE(11, 1, Effect.SETS, Setting.PAYMENT_MODE, "Change payment mode", MODE),
    REVERT_TO_DEFAULT(12, 1, Effect.SETS, Setting.ALL, "Revert to default (e.g. tenant moved out)");

    /**
     * How a command changes its {@link Setting}, which decides the codes it supersedes. Adjustments commute with
     * each other, so they may be entered in any order (as GBCS top-ups may); a set must not undo a newer code.
     */
    public enum Effect {
        ADJUSTS,
        SETS
    }

    private static final CommandType[] BY_SUBCLASS = new CommandType[16];

    static {
        for (CommandType type : values()) {
            BY_SUBCLASS[type.subclass] = type;
        }
    }

    private final int subclass;
    private final int blocks;
    private final Effect effect;
    private final Setting setting;
    private final String label;
    private final List<ParameterSpec> parameters;

    CommandType(int subclass, int blocks, Effect effect, Setting setting, String label, ParameterSpec... parameters) {
        this.subclass = subclass;
        this.blocks = blocks;
        this.effect = effect;
        this.setting = setting;
        this.label = label;
        this.parameters = Collections.unmodifiableList(Arrays.asList(parameters));
    }

    /** What staff see in a list of commands, e.g. "Top up credit". */
    public String label() {
        return label;
    }

    /** The parameters the command takes, in the order a form asks for them, with their ranges. */
    public List<ParameterSpec> parameters() {
        return parameters;
    }

    /** The 4-bit GBCS sub class. */
    public int subclass() {
        return subclass;
    }

    /** 1, 2 or 3 blocks: a 20, 40 or 60-digit code. */
    public int blocks() {
        return blocks;
    }

    public Effect effect() {
        return effect;
    }

    /** The setting every command of this type writes, or null where a parameter decides (debt register, slot). */
    Setting fixedSetting() {
        return setting;
    }

    /** The name the CLI and the API use, e.g. {@code top-up}, {@code change-time-of-use-price}. */
    public String commandName() {
        return Parameters.name(this);
    }

    /** The type for a sub class, or null for a reserved one (13-15). */
    public static CommandType ofSubclass(int subclass) {
        return subclass >= 0 && subclass < 16 ? BY_SUBCLASS[subclass] : null;
    }

    /** @throws IllegalArgumentException listing the known commands */
    public static CommandType ofName(String name) {
        for (CommandType type : values()) {
            if (type.commandName().equals(name.toLowerCase(Locale.ROOT))) {
                return type;
            }
        }
        StringBuilder known = new StringBuilder();
        for (CommandType type : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(type.commandName());
        }
        throw new IllegalArgumentException("unknown command '" + name + "'; the commands are " + known);
    }

    /** Builds the command from NAME=VALUE parameters, refusing names it does not take. */
    public MeterCommand fromParameters(Parameters p) {
        String[] names = new String[parameters.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = parameters.get(i).name();
        }
        p.allowOnly(commandName(), names);
        return parser().apply(p);
    }

    /** Reads the command from its payload fields (the inverse of {@link MeterCommand#writeTo}). */
    public MeterCommand read(FieldReader in) {
        switch (this) {
            case TOP_UP:
                return new TopUp(CreditValue.take("amount", in));
            case DEDUCT_CREDIT:
                return new DeductCredit(CreditValue.take("amount", in));
            case SET_CREDIT:
                return new SetCredit(CreditValue.take("balance", in));
            case ADD_DEBT:
                return new AddDebt(DebtRegister.take(in), in.take(DebtRegister.AMOUNT_BITS));
            case DEDUCT_DEBT:
                return new DeductDebt(DebtRegister.take(in), in.take(DebtRegister.AMOUNT_BITS));
            case SET_DEBT:
                return SetDebt.read(in);
            case CHANGE_PRICE:
                return ChangePrice.read(in);
            case CHANGE_TIME_OF_USE_PRICE:
                return ChangeTimeOfUsePrice.read(in);
            case SET_FRIENDLY_CREDIT_PERIOD:
                return SetFriendlyCreditPeriod.read(in);
            case SET_NON_DISCONNECT_PERIOD:
                return SetNonDisconnectPeriod.read(in);
            case OPEN_HAN:
                return OpenHan.read(in);
            case CHANGE_MODE:
                return ChangeMode.read(in);
            case REVERT_TO_DEFAULT:
                return new RevertToDefault();
            default:
                throw new AssertionError(this);
        }
    }

    private Function<Parameters, MeterCommand> parser() {
        switch (this) {
            case TOP_UP:
                return p -> new TopUp(p.pence("amount"));
            case DEDUCT_CREDIT:
                return p -> new DeductCredit(p.pence("amount"));
            case SET_CREDIT:
                return p -> new SetCredit(p.pence("balance"));
            case ADD_DEBT:
                return p -> new AddDebt(REGISTER.choose(p, DebtRegister.class), p.pence("amount"));
            case DEDUCT_DEBT:
                return p -> new DeductDebt(REGISTER.choose(p, DebtRegister.class), p.pence("amount"));
            case SET_DEBT:
                return SetDebt::from;
            case CHANGE_PRICE:
                return ChangePrice::from;
            case CHANGE_TIME_OF_USE_PRICE:
                return ChangeTimeOfUsePrice::from;
            case SET_FRIENDLY_CREDIT_PERIOD:
                return SetFriendlyCreditPeriod::from;
            case SET_NON_DISCONNECT_PERIOD:
                return p -> new SetNonDisconnectPeriod(p.instant("start"), p.instant("end"));
            case OPEN_HAN:
                return p -> new OpenHan(DEVICE.choose(p, OpenHan.Device.class), p.integer("minutes"));
            case CHANGE_MODE:
                return p -> new ChangeMode(MODE.choose(p, ChangeMode.Mode.class));
            case REVERT_TO_DEFAULT:
                return p -> new RevertToDefault();
            default:
                throw new AssertionError(this);
        }
    }
}
