package uk.lifeline.backend.reach.ladder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The ladder's second look at code messages, for those whose transaction committed after a newer message had been
 * read (message ids are taken at insert, so commits can come out of id order). Every {@code every} a pass looks
 * again at the messages created in the last {@code window}, newest ids first, and spreads that look over the steps
 * of the next {@code every}: one id range per step, sized so the pass ends in about {@code steps} steps.
 *
 * <p>Before, each look was one statement over the whole outbox from its first id, filtered by age: 0.13, 0.28 and
 * then 0.53 s of PostgreSQL's time, 30 s apart in one run of the issuing bench, growing with the table; on a busy
 * machine its burst made one of the bench's slowest seconds. Now a pass starts at the newest id read at least a
 * window ago (the ids of messages created since are all higher: ids come from one sequence) and no step reads more
 * than its share. A range's read is limited to the ladder's batch, as the one look was: more late messages than that
 * in one range wait for the next pass. Thread-safe.
 */
final class CatchUp {

    /** Messages to look at again: ids after {@code after} up to {@code upTo}, created after {@code since}. */
    record Range(long after, long upTo, Instant since) {}

    /** The newest id read by a moment. */
    private record Mark(Instant at, long upTo) {}

    /** A pass under way: ids after {@code floor} up to {@code next} still to look at, {@code perStep} at a time. */
    private record Pass(long floor, long next, long perStep, Instant since) {}

    private final Duration every;
    private final Duration window;
    private final int steps;
    private final Deque<Mark> marks = new ArrayDeque<>();
    private Pass pass;
    private Instant lastStart = Instant.MIN;

    /**
     * @param every how often a pass starts (a pass still under way then is finished first)
     * @param window how far back a pass looks: longer than any transaction writing code messages stays open
     * @param poll the ladder's poll interval: it steps at least that often, so a pass is spread over
     *     {@code every / poll} steps
     */
    CatchUp(Duration every, Duration window, Duration poll) {
        this.every = every;
        this.window = window;
        this.steps = (int) Math.max(1, every.toMillis() / Math.max(1, poll.toMillis()));
    }

    /** Records that a pass last started at {@code at} (tests: to make one due, or not). */
    synchronized void lastStarted(Instant at) {
        lastStart = at;
    }

    /**
     * The range this step looks at again, if a pass is under way or due.
     *
     * @param readUpTo the newest message id the ladder has read (0: none yet, nothing to look at again)
     */
    synchronized Optional<Range> next(Instant now, long readUpTo) {
        if (pass == null) {
            if (readUpTo == 0 || now.isBefore(lastStart.plus(every))) {
                return Optional.empty();
            }
            lastStart = now;
            Instant since = now.minus(window);
            // The newest mark at or before the window's start bounds the pass; older ones are no longer needed.
            Mark bound = null;
            while (!marks.isEmpty() && !marks.peekFirst().at().isAfter(since)) {
                bound = marks.pollFirst();
            }
            if (bound != null) {
                marks.addFirst(bound);
            }
            long floor = bound == null ? 0 : bound.upTo();
            marks.addLast(new Mark(now, readUpTo));
            if (floor >= readUpTo) {
                return Optional.empty();
            }
            pass = new Pass(floor, readUpTo, Math.max(1, (readUpTo - floor + steps - 1) / steps), since);
        }
        long after = Math.max(pass.floor(), pass.next() - pass.perStep());
        Range range = new Range(after, pass.next(), pass.since());
        pass = after <= pass.floor() ? null : new Pass(pass.floor(), after, pass.perStep(), pass.since());
        return Optional.of(range);
    }
}
