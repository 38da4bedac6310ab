package uk.lifeline.command;

import java.util.Map;

/**
 * Reverts the meter's prepayment settings to their defaults and removes the customer's data (balances, debt,
 * friendly-credit slots, non-disconnect periods), e.g. when a tenant moves out. No parameters. Immutable.
 */
public record RevertToDefault() implements MeterCommand {

    @Override
    public CommandType type() {
        return CommandType.REVERT_TO_DEFAULT;
    }

    @Override
    public void writeTo(FieldWriter out) {
        // No fields: the whole payload is reserved and zero.
    }

    @Override
    public Map<String, String> parameters() {
        return java.util.Collections.emptyMap();
    }
}
