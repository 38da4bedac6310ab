package uk.lifeline.command;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A period, set by the supplier (extreme weather, a vulnerable household, a bank holiday weekend), during which
 * the meter never disables the supply whatever the balance. Start and end are UTC instants on the quarter hour;
 * at most {@link #LONGEST} long. A code whose period has already ended is refused by the meter. Immutable.
 */
public record SetNonDisconnectPeriod(Instant start, Instant end) implements MeterCommand {

    public static final Duration LONGEST = Duration.ofDays(31);

    public SetNonDisconnectPeriod {
        CodeTime.quarterNumber("start", start);
        CodeTime.quarterNumber("end", end);
        if (!end.isAfter(start) || Duration.between(start, end).compareTo(LONGEST) > 0) {
            throw new ParameterOutOfRangeException("end", end, "after start and at most 31 days after it");
        }
    }

    static SetNonDisconnectPeriod read(FieldReader in) {
        Instant start = CodeTime.instantOfQuarter(in.take(CodeTime.INSTANT_BITS));
        return new SetNonDisconnectPeriod(start, CodeTime.instantOfQuarter(in.take(CodeTime.INSTANT_BITS)));
    }

    @Override
    public CommandType type() {
        return CommandType.SET_NON_DISCONNECT_PERIOD;
    }

    @Override
    public void writeTo(FieldWriter out) {
        out.put(CodeTime.quarterNumber("start", start), CodeTime.INSTANT_BITS)
                .put(CodeTime.quarterNumber("end", end), CodeTime.INSTANT_BITS);
    }

    @Override
    public Map<String, String> parameters() {
        return Parameters.ordered("start", start.toString(), "end", end.toString());
    }
}
