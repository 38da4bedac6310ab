package uk.lifeline.backend.tenant;

import java.util.UUID;
import uk.lifeline.code.Eui64;

/**
 * A supplier: the tenant every other row belongs to. Immutable.
 *
 * @param code a short lower-case name that also names the supplier's key folder and key ids
 * @param originatorId the supplier's EUI-64 originator ID, which goes into every code's MAC
 */
public record Supplier(UUID id, String code, String name, Eui64 originatorId) {}
