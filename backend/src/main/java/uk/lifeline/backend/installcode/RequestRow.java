package uk.lifeline.backend.installcode;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** An install-code request as stored, with the requester's device type, MPAN/MPRN and postcode. Immutable. */
record RequestRow(
        UUID id,
        UUID requesterId,
        UUID responderId,
        String routedTo,
        UUID deviceId,
        String eui64,
        String deviceType,
        String mpxn,
        String postcode,
        UUID batchId,
        RequestStatus status,
        String note,
        Instant requestedAt,
        LocalDate requestedOn,
        LocalDate dueOn,
        Instant answeredAt,
        LocalDate answeredOn,
        String answerNote,
        Instant escalatedAt,
        String escalationNote,
        Instant closedAt,
        String closedReason) {

    static final String SELECT = """
            SELECT r.id, r.supplier_id, r.responder_id, r.routed_to, r.device_id, r.eui64, d.device_type, sp.mpxn,
              p.postcode, r.batch_id, r.status, r.note, r.requested_at, r.requested_on, r.due_on, r.answered_at,
              r.answered_on, r.answer_note, r.escalated_at, r.escalation_note, r.closed_at, r.closed_reason
            FROM install_code_request r
            JOIN device d ON d.supplier_id = r.supplier_id AND d.id = r.device_id
            JOIN premises p ON p.supplier_id = d.supplier_id AND p.id = d.premises_id
            LEFT JOIN supply_point sp ON sp.supplier_id = d.supplier_id AND sp.id = d.supply_point_id
            """;

    static RequestRow read(Readable row) {
        return new RequestRow(
                row.get("id", UUID.class),
                row.get("supplier_id", UUID.class),
                row.get("responder_id", UUID.class),
                row.get("routed_to", String.class),
                row.get("device_id", UUID.class),
                row.get("eui64", String.class),
                row.get("device_type", String.class),
                row.get("mpxn", String.class),
                row.get("postcode", String.class),
                row.get("batch_id", UUID.class),
                RequestStatus.valueOf(row.get("status", String.class)),
                row.get("note", String.class),
                row.get("requested_at", Instant.class),
                row.get("requested_on", LocalDate.class),
                row.get("due_on", LocalDate.class),
                row.get("answered_at", Instant.class),
                row.get("answered_on", LocalDate.class),
                row.get("answer_note", String.class),
                row.get("escalated_at", Instant.class),
                row.get("escalation_note", String.class),
                row.get("closed_at", Instant.class),
                row.get("closed_reason", String.class));
    }

    boolean overdue(LocalDate today) {
        return status == RequestStatus.OPEN && today.isAfter(dueOn);
    }
}
