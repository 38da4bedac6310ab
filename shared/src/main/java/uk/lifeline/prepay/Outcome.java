package uk.lifeline.prepay;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** What a command, button press or request did to a meter. Immutable. */
public sealed interface Outcome {

    /** The state after: unchanged when refused. */
    MeterState state();

    /** Taken: the new state and each change, in order. */
    record Applied(MeterState state, List<TimelineEntry> changes) implements Outcome {
        public Applied {
            Objects.requireNonNull(state, "state");
            changes = Collections.unmodifiableList(new ArrayList<>(changes));
        }
    }

    /** Refused: the state as it was, the reason and the detail (e.g. the balance the top-up would have made). */
    record Refused(MeterState state, Refusal reason, String detail) implements Outcome {
        public Refused {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
