package uk.lifeline.app.core;

import java.io.IOException;
import java.time.Clock;
import uk.lifeline.app.account.ActivationCode;
import uk.lifeline.app.account.Session;
import uk.lifeline.app.credit.CreditDesk;
import uk.lifeline.app.delivery.Inbox;
import uk.lifeline.app.delivery.LifelineClient;
import uk.lifeline.app.delivery.ResultSender;
import uk.lifeline.app.notice.NoticeStore;
import uk.lifeline.app.notice.Notices;
import uk.lifeline.app.supplier.SupplierConfig;
import uk.lifeline.app.supplier.SupplierDirectory;
import uk.lifeline.app.trust.EnvelopeVerifier;
import uk.lifeline.app.trust.SupplierKeys;
import uk.lifeline.app.wallet.CodeStore;
import uk.lifeline.app.wallet.ResultOutbox;
import uk.lifeline.app.wallet.Wallet;

/**
 * The app's logic for one signed-in account, wired in one place: the client for the supplier's Lifeline service,
 * the supplier's keys (only under its bundled trust anchor) and the verifier, the wallet, notices, the inbox every channel hands to, and the result
 * sender. The platform supplies the stores (SQLite on a phone) and the clock. Thread-safe if the stores are.
 */
public final class AppCore {

    private final Session session;
    private final SupplierConfig supplier;
    private final LifelineClient client;
    private final Wallet wallet;
    private final Notices notices;
    private final Inbox inbox;
    private final ResultSender results;
    private final CreditDesk credit;

    /** @throws IllegalArgumentException when the session is for another supplier than {@code supplier} */
    public AppCore(
            Session session,
            SupplierConfig supplier,
            CodeStore codes,
            ResultOutbox outbox,
            NoticeStore noticeStore,
            SupplierKeys.Cache keyCache,
            Clock clock) {
        if (!supplier.code().equals(session.supplier())) {
            throw new IllegalArgumentException("the session is " + session.supplier() + "'s, not " + supplier.code());
        }
        this.session = session;
        this.supplier = supplier;
        this.client = new LifelineClient(supplier.service(), session::token);
        EnvelopeVerifier verifier = new EnvelopeVerifier(
                new SupplierKeys(() -> client.envelopeKeys(supplier.code()), keyCache, clock, supplier.anchor()));
        this.wallet = new Wallet(codes, outbox, verifier, session.recipient(), clock);
        this.notices = new Notices(noticeStore, codes, verifier, session.recipient(), clock);
        this.inbox = new Inbox(wallet, notices, client);
        this.results = new ResultSender(outbox, client);
        this.credit = new CreditDesk(client, clock);
    }

    /**
     * Links the app with an activation code at the bundled service. The code chooses the supplier: the answer
     * names it, and the app takes it only if it serves that supplier, showing the name and numbers from its own
     * signed configuration rather than the server's answer. The activation code must have passed
     * {@link ActivationCode#problem}.
     *
     * @throws NotThisAppsSupplierException when the code is for a supplier this app does not serve
     * @throws IOException when the service cannot be reached or refuses the code
     */
    public static Session activate(SupplierDirectory suppliers, String activationCode, String deviceName, Clock clock)
            throws IOException {
        Session answered = new LifelineClient(suppliers.service(), () -> null)
                .activate(ActivationCode.normalise(activationCode), deviceName, clock);
        SupplierConfig config = suppliers.find(answered.supplier());
        if (config == null) {
            throw new NotThisAppsSupplierException(answered.supplier());
        }
        return new Session(
                config.service(),
                answered.token(),
                answered.expiresAt(),
                answered.customerId(),
                config.code(),
                config.name(),
                config.phone());
    }

    /** The activation code is for a supplier whose configuration this app does not carry. */
    public static final class NotThisAppsSupplierException extends IOException {
        public NotThisAppsSupplierException(String supplier) {
            super("this app does not serve supplier " + supplier);
        }
    }

    /**
     * One round with the backend: send the results recorded offline, then fetch new codes and notices. What
     * the background job and the pull on opening both run.
     *
     * @throws IOException when the backend cannot be reached (results stay queued for the next round)
     */
    public Inbox.Report sync() throws IOException {
        results.send();
        return inbox.pull();
    }

    public Session session() {
        return session;
    }

    public SupplierConfig supplier() {
        return supplier;
    }

    public LifelineClient client() {
        return client;
    }

    public Wallet wallet() {
        return wallet;
    }

    public Notices notices() {
        return notices;
    }

    public Inbox inbox() {
        return inbox;
    }

    public ResultSender results() {
        return results;
    }

    public CreditDesk credit() {
        return credit;
    }
}
