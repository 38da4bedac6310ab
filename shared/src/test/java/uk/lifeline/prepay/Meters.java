package uk.lifeline.prepay;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.command.Parameters;
import uk.lifeline.command.UnitPrice;
import uk.lifeline.tariff.SingleRate;

/** Test fixtures for meters, consumption and events. Stateless. */
final class Meters {

    /** 10p a kWh and 50p a day: round numbers that make charges easy to follow. */
    static final SingleRate TEN_PENCE = new SingleRate(price("10"), price("50"));

    private Meters() {}

    static UnitPrice price(String pence) {
        return UnitPrice.parse("price", pence);
    }

    /** An instant from ISO text with Z or an offset. */
    static Instant at(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }

    /** Default settings at 10p/kWh and 50p a day. */
    static MeterSettings.Builder settings() {
        return MeterSettings.builder(TEN_PENCE);
    }

    static MeterState meter(MeterSettings settings, String asOf, long balance) {
        return MeterState.initial(settings, at(asOf)).withCredit(new Credit(balance, false, 0));
    }

    static MeterState meter(String asOf, long balance) {
        return meter(settings().build(), asOf, balance);
    }

    static ConsumptionProfile flat(String start, int halfHours, long wattHours) {
        long[] readings = new long[halfHours];
        Arrays.fill(readings, wattHours);
        return ConsumptionProfile.of(at(start), readings);
    }

    static MeterEvent code(String at, String command, String... parameters) {
        return new MeterEvent.CodeEntered(
                at(at), MeterCommand.parse(command, Parameters.parse(Arrays.asList(parameters))));
    }

    static MeterCommand command(String command, String... parameters) {
        return MeterCommand.parse(command, Parameters.parse(Arrays.asList(parameters)));
    }

    static MeterEvent button(String at) {
        return new MeterEvent.ButtonPressed(at(at));
    }

    static MeterEvent emergencyCredit(String at) {
        return new MeterEvent.EmergencyCreditRequested(at(at));
    }

    static Simulation simulate(MeterState start, ConsumptionProfile profile, MeterEvent... events) {
        return Simulator.run(start, profile, Arrays.asList(events));
    }

    /** The sum of the amounts of every entry of these kinds. */
    static long total(List<TimelineEntry> timeline, Change... changes) {
        List<Change> wanted = Arrays.asList(changes);
        return timeline.stream()
                .filter(e -> wanted.contains(e.change()))
                .mapToLong(TimelineEntry::amountPence)
                .sum();
    }

    static long count(List<TimelineEntry> timeline, Change change) {
        return timeline.stream().filter(e -> e.change() == change).count();
    }

    /** Meter balance net of emergency credit used: what top-ups and charges move. */
    static long net(MeterState state) {
        return state.credit().meterBalance() - state.emergencyCreditUsed();
    }
}
