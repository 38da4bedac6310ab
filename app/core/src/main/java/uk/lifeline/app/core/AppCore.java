package uk.lifeline.app.core;

import java.io.IOException;
import java.time.Clock;
import uk.lifeline.app.account.Session;
import uk.lifeline.app.delivery.Inbox;
import uk.lifeline.app.delivery.LifelineClient;
import uk.lifeline.app.delivery.ResultSender;
import uk.lifeline.app.notice.NoticeStore;
import uk.lifeline.app.notice.Notices;
import uk.lifeline.app.trust.EnvelopeVerifier;
import uk.lifeline.app.trust.SupplierKeys;
import uk.lifeline.app.wallet.CodeStore;
import uk.lifeline.app.wallet.ResultOutbox;
import uk.lifeline.app.wallet.Wallet;

/**
 * The app's logic for one signed-in account, wired in one place: the client for the session's backend, the
 * supplier's keys and the verifier, the wallet, notices, the inbox every channel hands to, and the result
 * sender. The platform supplies the stores (SQLite on a phone) and the clock. Thread-safe if the stores are.
 */
public final class AppCore {

    private final Session session;
    private final LifelineClient client;
    private final Wallet wallet;
    private final Notices notices;
    private final Inbox inbox;
    private final ResultSender results;

    public AppCore(Session session, CodeStore codes, ResultOutbox outbox, NoticeStore noticeStore,
            SupplierKeys.Cache keyCache, Clock clock) {
        this.session = session;
        this.client = new LifelineClient(session.server(), session::token);
        EnvelopeVerifier verifier = new EnvelopeVerifier(new SupplierKeys(client::jwks, keyCache, clock));
        this.wallet = new Wallet(codes, outbox, verifier, session.recipient(), clock);
        this.notices = new Notices(noticeStore, codes, verifier, session.recipient(), clock);
        this.inbox = new Inbox(wallet, notices, client);
        this.results = new ResultSender(outbox, client);
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
}
