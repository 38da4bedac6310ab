package uk.lifeline.command;

import java.util.Map;

/**
 * A prepayment command a meter takes as a code: the GBCS top-up and the DP094 commands. Each implementation is
 * an immutable record that refuses, at construction, any parameter outside what its code can carry, naming the
 * parameter and its range ({@link ParameterOutOfRangeException}).
 */
public sealed interface MeterCommand
        permits TopUp,
                DeductCredit,
                SetCredit,
                AddDebt,
                DeductDebt,
                SetDebt,
                ChangePrice,
                ChangeTimeOfUsePrice,
                SetFriendlyCreditPeriod,
                SetNonDisconnectPeriod,
                OpenHan,
                ChangeMode,
                RevertToDefault {

    CommandType type();

    /** The part of the meter's state this command writes: what a newer code for it supersedes. */
    default Setting setting() {
        return type().fixedSetting();
    }

    /** Appends this command's parameter fields to a code's payload, as {@code docs/command-codes.md} lays out. */
    void writeTo(FieldWriter out);

    /** The parameters as NAME=VALUE text, in the order the spec lists them; parsing them gives this command back. */
    Map<String, String> parameters();

    /**
     * Builds a command from its name and NAME=VALUE parameters, e.g. {@code top-up amount=12.34}.
     *
     * @throws IllegalArgumentException naming the unknown command, or a missing, unknown or bad parameter
     */
    static MeterCommand parse(String name, Parameters parameters) {
        return CommandType.ofName(name).fromParameters(parameters);
    }
}
