package uk.lifeline.backend.installcode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import uk.lifeline.backend.tenant.SupplierRef;

/**
 * An install-code request as one of its two suppliers sees it ({@code direction} RAISED for the requester, OWED
 * for the supplier that must answer). Never carries an install code. Null members are left out. Immutable.
 */
public record RequestView(
        UUID id,
        String deviceId,
        String deviceType,
        String mpxn,
        String postcode,
        String direction,
        SupplierRef requester,
        SupplierRef responder,
        String routedTo,
        String status,
        Instant requestedAt,
        LocalDate dueOn,
        Integer workingDaysLeft,
        boolean overdue,
        String note,
        UUID batchId,
        Instant answeredAt,
        Boolean answeredInTime,
        String answerNote,
        Instant escalatedAt,
        String escalationNote,
        Instant closedAt,
        String closedReason,
        boolean installCodeAvailable) {}
