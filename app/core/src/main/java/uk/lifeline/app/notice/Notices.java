package uk.lifeline.app.notice;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import uk.lifeline.app.trust.EnvelopeVerifier;
import uk.lifeline.app.trust.Recipient;
import uk.lifeline.app.trust.SignedNotice;
import uk.lifeline.app.trust.SupplierKeys;
import uk.lifeline.app.trust.UntrustedEnvelopeException;
import uk.lifeline.app.wallet.CodeStore;
import uk.lifeline.app.wallet.Receipt;
import uk.lifeline.app.wallet.RefusedMessage;

/**
 * Emergency non-disconnect notices: verified like codes, kept offline until they end, shown as a banner and a
 * high-priority notification. Thread-safe if the stores are.
 */
public final class Notices {

    private final NoticeStore store;
    private final CodeStore refusals;
    private final EnvelopeVerifier verifier;
    private final Recipient recipient;
    private final Clock clock;

    public Notices(NoticeStore store, CodeStore refusals, EnvelopeVerifier verifier, Recipient recipient, Clock clock) {
        this.store = store;
        this.refusals = refusals;
        this.verifier = verifier;
        this.recipient = recipient;
        this.clock = clock;
    }

    public Receipt receive(String envelope, String channel) {
        SignedNotice notice;
        try {
            notice = verifier.verifyNotice(envelope, recipient);
        } catch (UntrustedEnvelopeException e) {
            refusals.recordRefused(new RefusedMessage(e.problem(), channel, clock.instant()));
            return Receipt.REFUSED;
        } catch (SupplierKeys.UnavailableException e) {
            return Receipt.RETRY_LATER;
        }
        if (notice.hasEnded(clock.instant())) {
            return Receipt.ALREADY_HAD;
        }
        return store.insert(notice) ? Receipt.ADDED : Receipt.ALREADY_HAD;
    }

    /** Notices in force now, the one lasting longest first; ended ones are dropped on the way. */
    public List<SignedNotice> active() {
        Instant now = clock.instant();
        List<SignedNotice> active = new ArrayList<>();
        for (SignedNotice notice : store.notices()) {
            if (notice.hasEnded(now)) {
                store.delete(notice.id());
            } else if (notice.isActive(now)) {
                active.add(notice);
            }
        }
        active.sort(Comparator.comparing(SignedNotice::until).reversed());
        return active;
    }
}
