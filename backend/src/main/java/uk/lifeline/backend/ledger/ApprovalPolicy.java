package uk.lifeline.backend.ledger;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import uk.lifeline.backend.auth.Role;
import uk.lifeline.backend.ledger.IssuingProperties.RoleLimits;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.command.Pence;
import uk.lifeline.command.TopUp;

/**
 * Decides whether a code may be released at once or must wait for a supervisor other than the requester: the
 * one place for the issuing limits. Risky commands always wait; a top-up waits when it is above the requester's
 * per-code limit, or would take the meter's top-ups today above the per-meter-per-day limit. Thread-safe.
 */
@Component
public class ApprovalPolicy {

    /** The verdict, with the reasons in words for the agent and the audit log. Immutable. */
    public record Decision(boolean needsApproval, List<String> reasons) {}

    private final IssuingProperties properties;
    private final Set<String> alwaysApproved;

    public ApprovalPolicy(IssuingProperties properties) {
        this.properties = properties;
        this.alwaysApproved = properties.approvalCommands().stream()
                .map(c -> c.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** True when the decision needs today's top-up total for the meter (so it is read only then). */
    public boolean needsDailyTotal(Role role, MeterCommand command) {
        return command instanceof TopUp && limits(role) != null && limits(role).topUpPerMeterPerDay() != null;
    }

    /** @param todayPence top-ups released for this meter today, before this one (0 if not read) */
    public Decision decide(Role role, MeterCommand command, long todayPence) {
        List<String> reasons = new ArrayList<>();
        String name = command.type().commandName();
        if (alwaysApproved.contains(name)) {
            reasons.add(name + " always needs a supervisor's approval");
        }
        if (command instanceof TopUp topUp) {
            RoleLimits limits = limits(role);
            long amount = topUp.amountPence();
            if (limits == null) {
                reasons.add("a " + role.name().toLowerCase(Locale.ROOT) + " has no top-up limit configured");
            } else {
                long perCode = pence(limits.topUpPerCode());
                long perDay = pence(limits.topUpPerMeterPerDay());
                if (amount > perCode) {
                    reasons.add("top-up " + Pence.toPounds(amount) + " is above the "
                            + role.name().toLowerCase(Locale.ROOT) + " limit of " + Pence.toPounds(perCode)
                            + " per code");
                }
                long dayTotal = Math.addExact(todayPence, amount);
                if (dayTotal > perDay) {
                    reasons.add("it would take today's top-ups on this meter to " + Pence.toPounds(dayTotal)
                            + ", above the " + role.name().toLowerCase(Locale.ROOT) + " limit of "
                            + Pence.toPounds(perDay) + " per meter per day");
                }
            }
        }
        return new Decision(!reasons.isEmpty(), List.copyOf(reasons));
    }

    /** The amount a code adds to the daily total, or null for commands the limits do not count. */
    public static Long limitedAmount(MeterCommand command) {
        return command instanceof TopUp topUp ? topUp.amountPence() : null;
    }

    private RoleLimits limits(Role role) {
        return properties.limits() == null ? null : properties.limits().get(role);
    }

    private static long pence(BigDecimal pounds) {
        return pounds == null ? Long.MAX_VALUE / 4 : pounds.movePointRight(2).longValueExact();
    }
}
