package uk.lifeline.backend.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import uk.lifeline.backend.testing.Tenant;

/** Outbox messages for tests of the push queue: one for a customer, or a campaign page's pair. Stateless. */
final class TestMessages {

    private TestMessages() {}

    /** A message of the kind to the customer, due at {@code at}, for a day. */
    static Outbox.Message message(
            Tenant t, UUID customer, Outbox.Kind kind, UUID subject, String envelope, UUID campaign, Instant at) {
        return new Outbox.Message(
                t.supplierId,
                customer,
                kind,
                subject,
                kind == Outbox.Kind.CODE ? "ISSUED" : null,
                envelope,
                "Title",
                "Body",
                kind == Outbox.Kind.NOTICE,
                campaign,
                at,
                at.plus(Duration.ofDays(1)));
    }

    /** A campaign page's messages for a customer: a code and the notice, side by side, in one statement. */
    static void campaignPage(
            Outbox outbox,
            Tenant t,
            UUID customer,
            UUID campaign,
            Instant at,
            String codeEnvelope,
            String noticeEnvelope) {
        outbox.addAll(List.of(
                        message(t, customer, Outbox.Kind.CODE, UUID.randomUUID(), codeEnvelope, campaign, at),
                        message(t, customer, Outbox.Kind.NOTICE, UUID.randomUUID(), noticeEnvelope, campaign, at)))
                .block();
    }
}
