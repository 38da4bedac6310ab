package uk.lifeline.backend.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.FieldProblem;
import uk.lifeline.backend.problem.ProblemType;
import uk.lifeline.command.CodeTime;
import uk.lifeline.command.SetNonDisconnectPeriod;

/**
 * A notice's window, and the non-disconnect period that covers it: the start rounded down and the end rounded up
 * to the quarter hour (the code carries UTC quarter hours), at most 31 days (the longest period a code can set).
 * Immutable.
 */
record NoticeWindow(Instant startsAt, Instant endsAt, SetNonDisconnectPeriod period) {

    static final Duration LONGEST = SetNonDisconnectPeriod.LONGEST;
    private static final long QUARTER = Duration.ofMinutes(15).toSeconds();

    /** @throws ApiException {@code invalid-window} naming the field at fault */
    static NoticeWindow of(Instant startsAt, Instant endsAt, Instant now) {
        if (!endsAt.isAfter(startsAt)) {
            throw invalid("endsAt", "must be after startsAt (" + startsAt + ")", "after startsAt");
        }
        if (!endsAt.isAfter(now)) {
            throw invalid("endsAt", "has already passed", "in the future");
        }
        Instant start = Instant.ofEpochSecond(Math.floorDiv(startsAt.getEpochSecond(), QUARTER) * QUARTER);
        long endSecond = endsAt.getEpochSecond() + (endsAt.getNano() > 0 ? 1 : 0);
        Instant end = Instant.ofEpochSecond(-Math.floorDiv(-endSecond, QUARTER) * QUARTER);
        if (Duration.between(start, end).compareTo(LONGEST) > 0) {
            throw invalid(
                    "endsAt",
                    "is " + Duration.between(startsAt, endsAt).toHours() + " hours after startsAt;"
                            + " a non-disconnect period lasts at most 31 days",
                    "at most 31 days after startsAt");
        }
        if (start.isBefore(CodeTime.EPOCH_INSTANT) || end.isAfter(CodeTime.LAST_INSTANT)) {
            throw invalid(
                    "startsAt",
                    "is outside the times a code can carry",
                    CodeTime.EPOCH_INSTANT + " to " + CodeTime.LAST_INSTANT);
        }
        return new NoticeWindow(startsAt, endsAt, new SetNonDisconnectPeriod(start, end));
    }

    private static ApiException invalid(String field, String message, String allowed) {
        return new ApiException(
                ProblemType.INVALID_WINDOW, field + ": " + message, List.of(new FieldProblem(field, message, allowed)));
    }
}
