package uk.lifeline.backend.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One row of the code ledger. Immutable; changes return a new record.
 *
 * @param meterId the meter's EUI-64, as the API names meters
 * @param amountPence the credit the code carries for the limits (top-ups), or null
 * @param blocks the code's blocks in the order they are typed, each one block of digits without spaces
 */
public record CodeRecord(
        UUID id,
        UUID supplierId,
        UUID deviceId,
        String meterId,
        UUID customerAccountId,
        String command,
        Map<String, String> parameters,
        Long amountPence,
        List<String> blocks,
        long counter,
        String reason,
        CodeStatus status,
        boolean needsApproval,
        List<String> approvalReasons,
        UUID issuedBy,
        UUID approvedBy,
        Instant issuedAt,
        Instant expiresAt,
        Instant approvedAt,
        Instant resultAt,
        String resultReason,
        String cancelReason,
        String envelope,
        Instant updatedAt) {

    public CodeRecord {
        blocks = List.copyOf(blocks);
    }

    /** The audit log's subject for a code: its entries, and so its audit chain, follow from it. */
    public static String auditSubject(UUID id) {
        return "code:" + id;
    }

    /** Digits may be shown once the code is released: it needed no approval, or it was approved. */
    public boolean released() {
        return !needsApproval || approvedAt != null;
    }

    public CodeRecord withEnvelope(String signedEnvelope) {
        return new CodeRecord(
                id,
                supplierId,
                deviceId,
                meterId,
                customerAccountId,
                command,
                parameters,
                amountPence,
                blocks,
                counter,
                reason,
                status,
                needsApproval,
                approvalReasons,
                issuedBy,
                approvedBy,
                issuedAt,
                expiresAt,
                approvedAt,
                resultAt,
                resultReason,
                cancelReason,
                signedEnvelope,
                updatedAt);
    }

    public CodeRecord approved(UUID approver, Instant at, String signedEnvelope) {
        return new CodeRecord(
                id,
                supplierId,
                deviceId,
                meterId,
                customerAccountId,
                command,
                parameters,
                amountPence,
                blocks,
                counter,
                reason,
                CodeStatus.ISSUED,
                needsApproval,
                approvalReasons,
                issuedBy,
                approver,
                issuedAt,
                expiresAt,
                at,
                resultAt,
                resultReason,
                cancelReason,
                signedEnvelope,
                at);
    }

    public CodeRecord cancelled(String why, Instant at) {
        return new CodeRecord(
                id,
                supplierId,
                deviceId,
                meterId,
                customerAccountId,
                command,
                parameters,
                amountPence,
                blocks,
                counter,
                reason,
                CodeStatus.CANCELLED,
                needsApproval,
                approvalReasons,
                issuedBy,
                approvedBy,
                issuedAt,
                expiresAt,
                approvedAt,
                resultAt,
                resultReason,
                why,
                envelope,
                at);
    }

    public CodeRecord withResult(CodeStatus outcome, String shown, Instant at) {
        return new CodeRecord(
                id,
                supplierId,
                deviceId,
                meterId,
                customerAccountId,
                command,
                parameters,
                amountPence,
                blocks,
                counter,
                reason,
                outcome,
                needsApproval,
                approvalReasons,
                issuedBy,
                approvedBy,
                issuedAt,
                expiresAt,
                approvedAt,
                at,
                shown,
                cancelReason,
                envelope,
                at);
    }
}
