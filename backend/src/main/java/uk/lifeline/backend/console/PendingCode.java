package uk.lifeline.backend.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A code waiting for a supervisor, as the approvals page lists it: what was asked for, for whom, by whom and
 * why. Never the digits. Immutable.
 */
record PendingCode(
        UUID id,
        String meterId,
        String command,
        Map<String, String> parameters,
        String reason,
        List<String> approvalReasons,
        long counter,
        int blocks,
        Instant issuedAt,
        Instant expiresAt,
        UUID issuedBy,
        String requestedBy,
        String accountNumber,
        String customerName) {}
