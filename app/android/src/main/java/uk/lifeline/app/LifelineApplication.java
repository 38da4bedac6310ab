package uk.lifeline.app;

import android.app.Application;
import android.content.Context;
import android.os.StrictMode;
import uk.lifeline.app.background.SyncScheduler;
import uk.lifeline.app.notify.Notifications;
import uk.lifeline.app.ui.Words;

/** Creates the notification channels and the app's object graph once, at start. */
public class LifelineApplication extends Application {

    private volatile AppGraph graph;

    @Override
    public void onCreate() {
        super.onCreate();
        // The customer's language choice, read once here rather than by each screen on the main thread: the first
        // screen's attachBaseContext needs it before anything can wait for a background thread. The one
        // permitted main-thread read, before StrictMode is turned on.
        StrictMode.ThreadPolicy before = StrictMode.allowThreadDiskReads();
        try {
            Words.choose(getSharedPreferences(Words.PREFERENCES, MODE_PRIVATE).getString(Words.LANGUAGE, null));
        } finally {
            StrictMode.setThreadPolicy(before);
        }
        if (getResources().getBoolean(R.bool.strict_mode)) {
            StrictMode.setThreadPolicy(
                    strictPolicy().penaltyLog().penaltyDeath().build());
        }
        Notifications.createChannels(this);
        graph = AppGraph.standard(this);
        // Decrypting the session (Keystore) and reading the wallet stay off the main thread.
        AppGraph started = graph;
        started.local().execute(() -> {
            if (started.core() != null) {
                SyncScheduler.schedulePeriodic(this, started.core());
            }
        });
    }

    /**
     * What the main thread must never do: read or write the disk (SQLite, preferences, files) or use the network.
     * The debug build stops on a violation; the screen tests record and fail on one.
     */
    public static StrictMode.ThreadPolicy.Builder strictPolicy() {
        return new StrictMode.ThreadPolicy.Builder()
                .detectDiskReads()
                .detectDiskWrites()
                .detectNetwork();
    }

    public static AppGraph graph(Context context) {
        return ((LifelineApplication) context.getApplicationContext()).graph;
    }

    /** For tests: a graph with a software key, a fixed clock or a direct executor. */
    public void replaceGraph(AppGraph replacement) {
        graph = replacement;
    }
}
