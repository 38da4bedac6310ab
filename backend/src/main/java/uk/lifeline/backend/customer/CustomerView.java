package uk.lifeline.backend.customer;

import java.util.List;
import java.util.UUID;

/** A customer account as an agent's search shows it: premises, and the devices at each. Immutable. */
public record CustomerView(UUID id, String accountNumber, String name, List<PremisesView> premises) {

    /** A premises and its devices. */
    public record PremisesView(UUID id, String address, String postcode, List<DeviceView> devices) {}

    /**
     * A device at a premises; {@code meterId} is its EUI-64, the id the code endpoints take. Supply point fields
     * are null for a PPMID or hub.
     */
    public record DeviceView(String meterId, String type, String wanState, String fuel, String mpxn) {}
}
