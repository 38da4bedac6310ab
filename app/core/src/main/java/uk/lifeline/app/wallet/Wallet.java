package uk.lifeline.app.wallet;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import uk.lifeline.app.entry.EntryOutcome;
import uk.lifeline.app.trust.EnvelopeVerifier;
import uk.lifeline.app.trust.Recipient;
import uk.lifeline.app.trust.SignedCode;
import uk.lifeline.app.trust.SupplierKeys;
import uk.lifeline.app.trust.UntrustedEnvelopeException;

/**
 * The customer's codes, kept offline: every envelope from every channel comes in through {@link #receive}, which
 * verifies it and keeps each code once; the screens list what to type in order and record what happened.
 * Results go to the {@link ResultOutbox} to reach the backend when the phone is online. Thread-safe if the
 * store is.
 */
public final class Wallet {

    private static final Logger log = Logger.getLogger(Wallet.class.getName());

    private final CodeStore store;
    private final ResultOutbox outbox;
    private final EnvelopeVerifier verifier;
    private final Recipient recipient;
    private final Clock clock;

    public Wallet(CodeStore store, ResultOutbox outbox, EnvelopeVerifier verifier, Recipient recipient, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.verifier = verifier;
        this.recipient = recipient;
        this.clock = clock;
    }

    /** What {@link #receive} did, and the code when it verified. */
    public record Received(Receipt receipt, SignedCode code) {}

    /** Verifies an envelope and keeps its code unless it is kept already. */
    public Received receive(String envelope, String channel) {
        SignedCode code;
        try {
            code = verifier.verifyCode(envelope, recipient);
        } catch (UntrustedEnvelopeException e) {
            log.warning("refused an envelope from " + channel + ": " + e.getMessage());
            store.recordRefused(new RefusedMessage(e.problem(), channel, clock.instant()));
            return new Received(Receipt.REFUSED, null);
        } catch (SupplierKeys.UnavailableException e) {
            return new Received(Receipt.RETRY_LATER, null);
        }
        boolean added = store.insert(WalletCode.received(code, clock.instant()));
        return new Received(added ? Receipt.ADDED : Receipt.ALREADY_HAD, code);
    }

    /**
     * Takes in what the backend knows of a code: a supplier's cancellation, an expiry, or a result reported
     * another way (e.g. to an agent on the phone). Statuses the app sets itself are never overwritten by older
     * news.
     */
    public void serverStatus(String id, String backendStatus) {
        Optional<WalletCode> kept = store.find(id);
        CodeStatus retired = retiredBy(backendStatus);
        if (kept.isPresent() && kept.get().needsEntry(clock.instant()) && retired != null) {
            store.update(kept.get().with(retired, clock.instant()));
        }
    }

    /** The backend statuses that take a code off the list to enter, or null for the others. */
    private static CodeStatus retiredBy(String backendStatus) {
        if (backendStatus == null) {
            return null;
        }
        switch (backendStatus) {
            case "CANCELLED":
                return CodeStatus.CANCELLED;
            case "EXPIRED":
                return CodeStatus.EXPIRED;
            case "ACCEPTED":
                return CodeStatus.ACCEPTED;
            default:
                return null;
        }
    }

    /** The codes to type, in the order to type them (EntryOrder); expired ones are marked so on the way. */
    public List<WalletCode> toEnter() {
        List<WalletCode> pending = new ArrayList<>();
        for (WalletCode code : store.all()) {
            if (code.needsEntry(clock.instant())) {
                pending.add(code);
            } else if (code.isOpen()) {
                store.update(code.with(CodeStatus.EXPIRED, clock.instant()));
            }
        }
        return EntryOrder.sort(pending);
    }

    /** Codes that are finished with, newest first. */
    public List<WalletCode> history() {
        List<WalletCode> done = new ArrayList<>();
        for (WalletCode code : store.all()) {
            if (!code.needsEntry(clock.instant())) {
                done.add(code);
            }
        }
        done.sort(Comparator.comparing(WalletCode::updatedAt).reversed());
        return done;
    }

    public Optional<WalletCode> find(String id) {
        return store.find(id);
    }

    public void startEntering(String id) {
        change(id, CodeStatus.ENTERING);
    }

    public void finishedTyping(String id) {
        change(id, CodeStatus.ENTERED);
    }

    /**
     * Records what the meter showed and queues it for the backend, with a result id of its own. The same answer
     * again for the code (a second tap, a screen restored after the first) changes nothing and queues nothing.
     */
    public synchronized WalletCode recordOutcome(String id, EntryOutcome outcome) {
        WalletCode code = store.find(id).orElseThrow(() -> new IllegalArgumentException("no code " + id));
        if (code.outcome() == outcome) {
            return code;
        }
        WalletCode done = code.withOutcome(outcome, clock.instant());
        store.update(done);
        outbox.add(PendingResult.of(id, outcome, clock.instant()));
        return done;
    }

    public List<RefusedMessage> refusedMessages() {
        return store.refused();
    }

    public void dismissRefusedMessages() {
        store.dismissRefused();
    }

    private void change(String id, CodeStatus status) {
        store.find(id).ifPresent(code -> store.update(code.with(status, clock.instant())));
    }
}
