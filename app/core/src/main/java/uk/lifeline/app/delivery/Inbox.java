package uk.lifeline.app.delivery;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import uk.lifeline.app.notice.Notices;
import uk.lifeline.app.trust.SignedCode;
import uk.lifeline.app.wallet.Receipt;
import uk.lifeline.app.wallet.Wallet;

/**
 * Where every channel hands what it received: the pull on opening and the periodic background sync
 * ({@link #pull}), the live stream and push messages ({@link #handle}). The wallet keeps each code once, so a
 * code that arrives by two channels is still one code. Thread-safe.
 */
public final class Inbox {

    /** Channel names, as refused messages record them. */
    public static final String PULL = "pull";

    public static final String STREAM = "stream";
    public static final String PUSH = "push";

    static final int PAGE_SIZE = 20;
    /** A pull reads back at most this many pages, newest first, stopping at the first page with nothing new. */
    static final int MOST_PAGES = 10;

    private final Wallet wallet;
    private final Notices notices;
    private final LifelineClient client;

    public Inbox(Wallet wallet, Notices notices, LifelineClient client) {
        this.wallet = wallet;
        this.notices = notices;
        this.client = client;
    }

    /** What a pull or a message brought. Immutable. */
    public record Report(List<SignedCode> added, int refused, int waiting, int notices) {
        public Report {
            added = Collections.unmodifiableList(new ArrayList<>(added));
        }

        public boolean refusedAny() {
            return refused > 0;
        }
    }

    /** Fetches new codes (newest first, until a page brings nothing new) and the notices in force. */
    public synchronized Report pull() throws IOException {
        Tally tally = new Tally();
        String cursor = null;
        for (int page = 0; page < MOST_PAGES; page++) {
            CodesPage codes = client.myCodes(cursor, PAGE_SIZE);
            int before = tally.added.size() + tally.waiting;
            for (CodeItem item : codes.items()) {
                if (item.envelope() != null) {
                    tally.count(wallet.receive(item.envelope(), PULL));
                }
                wallet.serverStatus(item.id(), item.status());
            }
            if (tally.added.size() + tally.waiting == before || codes.nextCursor() == null) {
                break;
            }
            cursor = codes.nextCursor();
        }
        try {
            for (String envelope : client.myNotices()) {
                tally.notice(notices.receive(envelope, PULL));
            }
        } catch (HttpStatusException e) {
            // A backend without notices yet (404) still delivers codes.
            if (e.status() != 404) {
                throw e;
            }
        }
        return tally.report();
    }

    /** Takes one message from the stream or a push; a {@code sync} message asks the caller to {@link #pull}. */
    public synchronized Report handle(PushMessage message, String channel) {
        Tally tally = new Tally();
        switch (message.kind()) {
            case PushMessage.CODE:
                tally.count(wallet.receive(message.envelope(), channel));
                if (message.id() != null) {
                    wallet.serverStatus(message.id(), message.status());
                }
                break;
            case PushMessage.NOTICE:
                tally.notice(notices.receive(message.envelope(), channel));
                if (message.code() != null) {
                    // A campaign's notice may carry the code for the customer's meter: verified as any code.
                    tally.count(wallet.receive(message.code().envelope(), channel));
                    if (message.code().id() != null) {
                        wallet.serverStatus(message.code().id(), message.code().status());
                    }
                }
                break;
            case PushMessage.STATUS:
                wallet.serverStatus(message.id(), message.status());
                break;
            default:
                break;
        }
        return tally.report();
    }

    private static final class Tally {
        final List<SignedCode> added = new ArrayList<>();
        int refused;
        int waiting;
        int notices;

        void count(Wallet.Received received) {
            if (received.receipt() == Receipt.ADDED) {
                added.add(received.code());
            }
            count(received.receipt());
        }

        void notice(Receipt receipt) {
            if (receipt == Receipt.ADDED) {
                notices++;
            }
            count(receipt);
        }

        void count(Receipt receipt) {
            if (receipt == Receipt.REFUSED) {
                refused++;
            } else if (receipt == Receipt.RETRY_LATER) {
                waiting++;
            }
        }

        Report report() {
            return new Report(added, refused, waiting, notices);
        }
    }
}
