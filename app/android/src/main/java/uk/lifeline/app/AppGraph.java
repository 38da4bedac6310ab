package uk.lifeline.app;

import android.content.Context;
import android.os.Handler;
import android.os.Looper;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import uk.lifeline.app.account.Session;
import uk.lifeline.app.account.SessionVault;
import uk.lifeline.app.core.AppCore;
import uk.lifeline.app.delivery.Inbox;
import uk.lifeline.app.notify.Notifications;
import uk.lifeline.app.storage.KeystoreKey;
import uk.lifeline.app.storage.LifelineDatabase;
import uk.lifeline.app.storage.PreferencesBlob;

/**
 * The one place the app's dependencies are made and wired: the SQLite stores, the encrypted session, the core
 * for the signed-in account, the background thread, notifications. Thread-safe.
 */
public final class AppGraph {

    private static final String SIGNED_OUT = "signed-out";

    private final Context context;
    private final LifelineDatabase database;
    private final SessionVault vault;
    private final Clock clock;
    private final Executor background;
    private final Executor local;
    private final Handler main = new Handler(Looper.getMainLooper());
    private final Notifications notifications;
    private AppCore core;
    private boolean loaded;

    /**
     * @param background where network calls run
     * @param local where reads and writes of the phone's own database run, so a slow network never holds them up
     */
    public AppGraph(Context context, SessionVault.KeyHolder key, Clock clock, Executor background, Executor local) {
        this.context = context.getApplicationContext();
        this.database = new LifelineDatabase(this.context);
        this.vault = new SessionVault(key, new PreferencesBlob(this.context));
        this.clock = clock;
        this.background = background;
        this.local = local;
        this.notifications = new Notifications(this.context, clock);
    }

    /** The phone's graph: a key in the Android Keystore, the system clock, a network thread and a storage thread. */
    static AppGraph standard(Context context) {
        return new AppGraph(context, new KeystoreKey(), Clock.systemUTC(), Executors.newSingleThreadExecutor(),
                Executors.newSingleThreadExecutor());
    }

    /** The signed-in account's core, or null before activation. */
    public synchronized AppCore core() {
        if (!loaded) {
            loaded = true;
            vault.load().ifPresent(session -> core = newCore(session));
        }
        return core;
    }

    /** Keeps a new session (encrypted) and starts using it. */
    public synchronized AppCore signIn(Session session) throws GeneralSecurityException {
        vault.save(session);
        database.keep(SIGNED_OUT, "false");
        loaded = true;
        core = newCore(session);
        return core;
    }

    /**
     * The backend no longer takes the session: stop talking to it until the customer links the app again. The
     * saved codes stay on show, and still work at the meter.
     */
    public void sessionEnded() {
        database.keep(SIGNED_OUT, "true");
    }

    public boolean signedOut() {
        return "true".equals(database.kept(SIGNED_OUT));
    }

    /** Tells the customer what a sync, stream event or push brought. */
    public void announce(Inbox.Report report) {
        AppCore current = core();
        if (current != null) {
            notifications.announce(report, current);
        }
    }

    public Executor background() {
        return background;
    }

    public Executor local() {
        return local;
    }

    public void onMain(Runnable task) {
        main.post(task);
    }

    public Clock clock() {
        return clock;
    }

    public LifelineDatabase database() {
        return database;
    }

    private AppCore newCore(Session session) {
        return new AppCore(session, database, database, database, database, clock);
    }
}
