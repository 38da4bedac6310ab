package uk.lifeline.backend.ledger;

import java.time.Instant;
import java.util.UUID;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.meter.Meter;
import uk.lifeline.backend.tenant.Supplier;
import uk.lifeline.code.CodeKey;
import uk.lifeline.command.MeterCommand;

/**
 * A code asked of the {@link Ledger}, checked as far as it can be without the database: an agent's or a
 * customer's request over the API, or one meter of a campaign page. Immutable.
 */
public sealed interface IssueIntent {

    Supplier supplier();

    MeterCommand command();

    /**
     * A request over the API with its Idempotency-Key and the hash of what was asked; made by
     * {@link Ledger#request}, which finds the meter's key.
     */
    record Request(
            Caller caller,
            Supplier supplier,
            Meter meter,
            CodeKey codeKey,
            String key,
            byte[] hash,
            String reason,
            MeterCommand command)
            implements IssueIntent {}

    /** One meter of a campaign page, claimed by the campaign in the page's transaction. */
    record CampaignCode(
            Supplier supplier,
            UUID deviceId,
            String eui64,
            UUID customerId,
            String publicKeyPem,
            MeterCommand command,
            String reason,
            UUID issuedBy,
            Instant expiresAt)
            implements IssueIntent {}
}
