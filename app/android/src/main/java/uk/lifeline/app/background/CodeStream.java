package uk.lifeline.app.background;

import java.io.IOException;
import uk.lifeline.app.core.AppCore;
import uk.lifeline.app.delivery.HttpStatusException;
import uk.lifeline.app.delivery.Inbox;
import uk.lifeline.app.delivery.LifelineClient;
import uk.lifeline.app.delivery.PushMessage;
import uk.lifeline.app.delivery.ServerSentEvent;

/**
 * The live stream of codes while the app is open: one thread that reads {@code /api/v1/me/stream}, hands each
 * event to the inbox, and reconnects after a drop (waiting longer each time, up to a minute). {@link #stop}
 * ends it; the screen starts it in onStart and stops it in onStop.
 */
public final class CodeStream {

    /** Told on the stream's thread. */
    public interface Listener {
        void delivered(Inbox.Report report);

        void signedOut();
    }

    static final long FIRST_RETRY_MS = 2_000;
    static final long LONGEST_RETRY_MS = 60_000;

    private final AppCore core;
    private final Listener listener;
    private volatile boolean stopped;
    private volatile LifelineClient.EventStream open;
    private Thread thread;
    private String lastId;

    public CodeStream(AppCore core, Listener listener) {
        this.core = core;
        this.listener = listener;
    }

    public synchronized void start() {
        if (thread == null) {
            thread = new Thread(this::run, "lifeline-stream");
            thread.setDaemon(true);
            thread.start();
        }
    }

    public synchronized void stop() {
        stopped = true;
        LifelineClient.EventStream stream = open;
        if (stream != null) {
            stream.close();
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        long wait = FIRST_RETRY_MS;
        while (!stopped) {
            try (LifelineClient.EventStream stream = core.client().openStream(lastId)) {
                open = stream;
                wait = FIRST_RETRY_MS;
                for (ServerSentEvent event; !stopped && (event = stream.next()) != null; ) {
                    lastId = stream.lastId();
                    handle(event);
                }
            } catch (HttpStatusException e) {
                if (e.isSignedOut()) {
                    listener.signedOut();
                    return;
                }
                if (e.status() == 404) {
                    return; // A backend without the stream: the pull and the periodic sync still deliver.
                }
            } catch (IOException e) {
                // Dropped or offline: try again below.
            } finally {
                open = null;
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
            wait = Math.min(wait * 2, LONGEST_RETRY_MS);
        }
    }

    private void handle(ServerSentEvent event) throws IOException {
        PushMessage message;
        try {
            message = PushMessage.of(event);
        } catch (IllegalArgumentException e) {
            return; // Not one of ours (or a newer kind): ignore it.
        }
        listener.delivered(
                PushMessage.SYNC.equals(message.kind())
                        ? core.sync()
                        : core.inbox().handle(message, Inbox.STREAM));
    }
}
