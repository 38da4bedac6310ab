package uk.lifeline.app.wallet;

import java.time.Instant;
import java.util.Objects;
import uk.lifeline.app.entry.EntryOutcome;
import uk.lifeline.app.trust.SignedCode;

/**
 * A verified code kept on the phone, with where the customer is with it. Changes return a new value. Immutable.
 *
 * @param outcome what the meter showed the last time the code was typed, or null before that
 */
public record WalletCode(
        SignedCode code, CodeStatus status, EntryOutcome outcome, Instant receivedAt, Instant updatedAt) {

    public WalletCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(status, "status");
    }

    public static WalletCode received(SignedCode code, Instant now) {
        return new WalletCode(code, code.isExpired(now) ? CodeStatus.EXPIRED : CodeStatus.NEW, null, now, now);
    }

    public String id() {
        return code.id();
    }

    public WalletCode with(CodeStatus newStatus, Instant now) {
        return new WalletCode(code, newStatus, outcome, receivedAt, now);
    }

    public WalletCode withOutcome(EntryOutcome newOutcome, Instant now) {
        CodeStatus next = newOutcome == EntryOutcome.ACCEPTED ? CodeStatus.ACCEPTED : CodeStatus.REJECTED;
        return new WalletCode(code, next, newOutcome, receivedAt, now);
    }

    /** Still to be typed (or typed again, after a refusal worth retrying), and not expired at {@code now}. */
    public boolean needsEntry(Instant now) {
        return isOpen() && !code.isExpired(now);
    }

    /** Still to be typed, or typed again after a refusal worth retrying, whether or not it has expired. */
    public boolean isOpen() {
        switch (status) {
            case NEW:
            case ENTERING:
            case ENTERED:
                return true;
            case REJECTED:
                return outcome != null && outcome.mayRetry();
            default:
                return false;
        }
    }
}
