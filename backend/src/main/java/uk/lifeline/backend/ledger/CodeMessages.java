package uk.lifeline.backend.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import uk.lifeline.backend.delivery.Outbox;

/**
 * The messages that tell a customer's app about a code: the released code itself (its envelope, which the app
 * verifies) and later changes of its status. The visible notification says only what kind of code it is; the
 * app shows the details from the verified envelope. Stateless.
 */
public final class CodeMessages {

    /** FCM keeps a message for at most 28 days. */
    public static final Duration LONGEST_TTL = Duration.ofDays(28);

    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("top-up", "A top-up code"),
            Map.entry("deduct-credit", "A credit correction code"),
            Map.entry("set-credit", "A credit correction code"),
            Map.entry("add-debt", "A debt code"),
            Map.entry("deduct-debt", "A debt code"),
            Map.entry("set-debt", "A debt code"),
            Map.entry("change-price", "A new price code"),
            Map.entry("change-time-of-use-price", "A new price code"),
            Map.entry("set-friendly-credit-period", "A friendly-credit code"),
            Map.entry("set-non-disconnect-period", "A code that keeps your supply on"),
            Map.entry("open-han", "A code to pair your display"),
            Map.entry("change-mode", "A meter mode code"),
            Map.entry("revert-to-default", "A meter reset code"));

    private CodeMessages() {}

    /** The code's envelope, for a code that has just been released (ISSUED). */
    public static Outbox.Message released(CodeRecord code, Instant now) {
        return released(
                code,
                now,
                null,
                "New code for your meter",
                WORDS.getOrDefault(code.command(), "A code") + " is ready. Open Lifeline to enter it.");
    }

    /** A code's new status (e.g. CANCELLED), so the app stops offering it; only codes it may hold. */
    public static Outbox.Message status(CodeRecord code) {
        Instant at = code.updatedAt();
        return new Outbox.Message(
                code.supplierId(),
                code.customerAccountId(),
                Outbox.Kind.STATUS,
                code.id(),
                code.status().name(),
                null,
                "A code was withdrawn",
                "A code on your phone can no longer be used. Open Lifeline for details.",
                false,
                null,
                at,
                Outbox.expiry(at, code.expiresAt(), LONGEST_TTL));
    }

    public static Outbox.Message released(
            CodeRecord code, Instant now, java.util.UUID campaign, String title, String body) {
        boolean urgent = "set-non-disconnect-period".equals(code.command());
        return new Outbox.Message(
                code.supplierId(),
                code.customerAccountId(),
                Outbox.Kind.CODE,
                code.id(),
                code.status().name(),
                code.envelope(),
                title,
                body,
                urgent,
                campaign,
                now,
                Outbox.expiry(now, code.expiresAt(), LONGEST_TTL));
    }
}
