package uk.lifeline.app.background;

import android.app.job.JobInfo;
import android.app.job.JobScheduler;
import android.content.ComponentName;
import android.content.Context;
import java.util.concurrent.TimeUnit;
import uk.lifeline.app.core.AppCore;

/**
 * The background sync, with JobScheduler (no Google services needed): every 15 minutes (the platform's shortest
 * periodic job) while a code is waiting to be entered or a notice is in force, hourly otherwise, whenever online;
 * and once as soon as the phone is online again (e.g. to send a result recorded offline). Without the Firebase
 * client this is how codes reach a closed app.
 */
public final class SyncScheduler {

    public static final int PERIODIC = 1;
    public static final int ONCE_ONLINE = 2;
    /** JobInfo.getMinPeriodMillis(): Android runs no periodic job more often. */
    static final long URGENT_PERIOD_MS = TimeUnit.MINUTES.toMillis(15);

    static final long URGENT_FLEX_MS = TimeUnit.MINUTES.toMillis(5);
    static final long PERIOD_MS = TimeUnit.HOURS.toMillis(1);
    static final long FLEX_MS = TimeUnit.MINUTES.toMillis(15);

    private SyncScheduler() {}

    /** Whether the sync should run at the shortest interval: a code waits to be entered, or a notice is in force. */
    public static boolean urgent(AppCore core) {
        return !core.wallet().toEnter().isEmpty() || !core.notices().active().isEmpty();
    }

    /** The periodic sync at the interval {@link #urgent} asks for; reads the phone's database, so off main. */
    public static void schedulePeriodic(Context context, AppCore core) {
        schedulePeriodic(context, urgent(core));
    }

    public static void schedulePeriodic(Context context, boolean urgent) {
        JobScheduler scheduler = context.getSystemService(JobScheduler.class);
        long period = urgent ? URGENT_PERIOD_MS : PERIOD_MS;
        JobInfo pending = scheduler.getPendingJob(PERIODIC);
        if (pending != null && pending.getIntervalMillis() == period) {
            return;
        }
        scheduler.schedule(new JobInfo.Builder(PERIODIC, new ComponentName(context, SyncJobService.class))
                .setPeriodic(period, urgent ? URGENT_FLEX_MS : FLEX_MS)
                .setRequiredNetworkType(JobInfo.NETWORK_TYPE_ANY)
                .setPersisted(true)
                .build());
    }

    public static void syncWhenOnline(Context context) {
        context.getSystemService(JobScheduler.class)
                .schedule(new JobInfo.Builder(ONCE_ONLINE, new ComponentName(context, SyncJobService.class))
                        .setRequiredNetworkType(JobInfo.NETWORK_TYPE_ANY)
                        .setBackoffCriteria(TimeUnit.SECONDS.toMillis(30), JobInfo.BACKOFF_POLICY_EXPONENTIAL)
                        .build());
    }

    public static void cancelAll(Context context) {
        context.getSystemService(JobScheduler.class).cancelAll();
    }
}
