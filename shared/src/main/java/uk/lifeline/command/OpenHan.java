package uk.lifeline.command;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Opens the home area network for a new device to join, e.g. a replacement PPMID, for a number of minutes.
 * Immutable.
 */
public record OpenHan(Device device, long minutes) implements MeterCommand {

    /** What may join. Code value = ordinal; never reorder. */
    public enum Device {
        PPMID,
        IHD,
        CAD,
        ANY
    }

    static final int MINUTES_BITS = 11;
    public static final long LONGEST_MINUTES = 1440;

    public OpenHan {
        Objects.requireNonNull(device, "device");
        CommandParameters.MINUTES.check(minutes);
    }

    static OpenHan read(FieldReader in) {
        return new OpenHan(Device.values()[(int) in.take(2)], in.take(MINUTES_BITS));
    }

    public Duration window() {
        return Duration.ofMinutes(minutes);
    }

    @Override
    public CommandType type() {
        return CommandType.OPEN_HAN;
    }

    @Override
    public void writeTo(FieldWriter out) {
        out.put(device.ordinal(), 2).put(minutes, MINUTES_BITS);
    }

    @Override
    public Map<String, String> parameters() {
        return Parameters.ordered("device", Parameters.name(device), "minutes", Long.toString(minutes));
    }
}
