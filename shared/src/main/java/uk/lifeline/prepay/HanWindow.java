package uk.lifeline.prepay;

import java.time.Instant;
import java.util.Objects;
import uk.lifeline.command.OpenHan;

/** The home area network is open for a device of this kind to join until {@code until}. Immutable. */
public record HanWindow(OpenHan.Device device, Instant until) {

    public HanWindow {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(until, "until");
    }

    public boolean isOpenAt(Instant at) {
        return at.isBefore(until);
    }
}
