package uk.lifeline.app;

import android.content.Context;
import android.os.Handler;
import android.os.Looper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
import uk.lifeline.app.supplier.SupplierConfig;
import uk.lifeline.app.supplier.SupplierDirectory;

/**
 * The one place the app's dependencies are made and wired: the SQLite stores, the encrypted session, the core
 * for the signed-in account, the background thread, notifications. Thread-safe.
 */
public final class AppGraph {

    private static final String SIGNED_OUT = "signed-out";

    /** The bundled, anchor-signed supplier configuration (assets), made by the build. */
    static final String SUPPLIER_BUNDLE = "suppliers.jws";

    private final Context context;
    private final SupplierDirectory suppliers;
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
    public AppGraph(
            Context context,
            SupplierDirectory suppliers,
            SessionVault.KeyHolder key,
            Clock clock,
            Executor background,
            Executor local) {
        this.context = context.getApplicationContext();
        this.suppliers = suppliers;
        this.database = new LifelineDatabase(this.context);
        this.vault = new SessionVault(key, new PreferencesBlob(this.context));
        this.clock = clock;
        this.background = background;
        this.local = local;
        this.notifications = new Notifications(this.context, clock);
    }

    /** The phone's graph: a key in the Android Keystore, the system clock, a network thread and a storage thread. */
    static AppGraph standard(Context context) {
        return new AppGraph(
                context,
                bundledSuppliers(context),
                new KeystoreKey(),
                Clock.systemUTC(),
                Executors.newSingleThreadExecutor(),
                Executors.newSingleThreadExecutor());
    }

    /**
     * The suppliers this build serves, from the configuration the build bundled. A debug build may name a
     * development service over plain HTTP; a release only HTTPS.
     *
     * @throws IllegalStateException when the bundle is missing or not signed by its anchors: a broken build
     */
    static SupplierDirectory bundledSuppliers(Context context) {
        try (InputStream in = context.getAssets().open(SUPPLIER_BUNDLE)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            for (int n; (n = in.read(buffer)) > 0; ) {
                bytes.write(buffer, 0, n);
            }
            return SupplierDirectory.parse(
                    new String(bytes.toByteArray(), StandardCharsets.US_ASCII),
                    context.getResources().getBoolean(R.bool.plain_http_allowed));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("the bundled supplier configuration cannot be used", e);
        }
    }

    /** The suppliers this build serves. */
    public SupplierDirectory suppliers() {
        return suppliers;
    }

    /** The supplier to show (name, numbers, hours): the linked account's, else the first this build serves. */
    public SupplierConfig supplier() {
        AppCore current = core();
        return current != null ? current.supplier() : suppliers.first();
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

    /**
     * After unlinking, on the customer's word: removes the session and everything kept on this phone (a phone
     * that is given away or sold keeps nothing of the account). Call off the main thread.
     */
    public synchronized void forgetThisPhone() {
        vault.clear();
        core = null;
        loaded = true;
        database.forgetEverything();
        database.keep(SIGNED_OUT, "true");
        notifications.cancelAll();
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

    public Notifications notifications() {
        return notifications;
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

    /**
     * A sign-in under way or finished but not yet seen by a screen. It lives here, not in the screen, so a
     * rotation during the call neither loses the answer nor sends the (now spent) activation code again.
     * {@code failure} is a string resource, or 0 when linked. Main thread only, apart from {@code finish}.
     */
    public static final class LinkAttempt {
        private volatile boolean done;
        private volatile int failure;

        public boolean done() {
            return done;
        }

        public int failure() {
            return failure;
        }

        void finish(int failureText) {
            failure = failureText;
            done = true;
        }
    }

    private LinkAttempt linkAttempt;
    private Runnable linkWatcher;

    /** Starts a sign-in attempt; {@code work} runs on the network thread and returns 0 or a failure's text. */
    public LinkAttempt startLink(java.util.concurrent.Callable<Integer> work) {
        LinkAttempt attempt = new LinkAttempt();
        linkAttempt = attempt;
        background.execute(() -> {
            int failure;
            try {
                failure = work.call();
            } catch (Exception e) {
                failure = R.string.sign_in_offline;
            }
            attempt.finish(failure);
            onMain(() -> {
                if (linkWatcher != null) {
                    linkWatcher.run();
                }
            });
        });
        return attempt;
    }

    /** The attempt a sign-in screen should show, if any. */
    public LinkAttempt linkAttempt() {
        return linkAttempt;
    }

    /** The attempt was shown: a new screen starts afresh. */
    public void linkSeen() {
        linkAttempt = null;
    }

    /** The sign-in screen on show (or null), told when an attempt finishes. */
    public void watchLink(Runnable watcher) {
        linkWatcher = watcher;
    }

    public Context context() {
        return context;
    }

    public Clock clock() {
        return clock;
    }

    public LifelineDatabase database() {
        return database;
    }

    /** The core for a session, or null when this build no longer serves the session's supplier. */
    private AppCore newCore(Session session) {
        SupplierConfig supplier = suppliers.find(session.supplier());
        return supplier == null ? null : new AppCore(session, supplier, database, database, database, database, clock);
    }
}
