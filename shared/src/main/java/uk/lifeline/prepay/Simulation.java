package uk.lifeline.prepay;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** A simulation's result: the state it started from, every change in order, and the state it ended in. Immutable. */
public record Simulation(MeterState start, List<TimelineEntry> timeline, MeterState end) {

    public Simulation {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        timeline = Collections.unmodifiableList(new ArrayList<>(timeline));
    }
}
