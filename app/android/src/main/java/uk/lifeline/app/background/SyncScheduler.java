package uk.lifeline.app.background;

import android.app.job.JobInfo;
import android.app.job.JobScheduler;
import android.content.ComponentName;
import android.content.Context;
import java.util.concurrent.TimeUnit;

/**
 * The background sync, with JobScheduler (no Google services needed): every few hours while online, and once
 * as soon as the phone is online again (e.g. to send a result recorded offline).
 */
public final class SyncScheduler {

    public static final int PERIODIC = 1;
    public static final int ONCE_ONLINE = 2;
    static final long PERIOD_MS = TimeUnit.HOURS.toMillis(3);
    static final long FLEX_MS = TimeUnit.HOURS.toMillis(1);

    private SyncScheduler() {}

    public static void schedulePeriodic(Context context) {
        JobScheduler scheduler = context.getSystemService(JobScheduler.class);
        if (scheduler.getPendingJob(PERIODIC) != null) {
            return;
        }
        scheduler.schedule(new JobInfo.Builder(PERIODIC, new ComponentName(context, SyncJobService.class))
                .setPeriodic(PERIOD_MS, FLEX_MS)
                .setRequiredNetworkType(JobInfo.NETWORK_TYPE_ANY)
                .setPersisted(true)
                .build());
    }

    public static void syncWhenOnline(Context context) {
        context.getSystemService(JobScheduler.class).schedule(
                new JobInfo.Builder(ONCE_ONLINE, new ComponentName(context, SyncJobService.class))
                        .setRequiredNetworkType(JobInfo.NETWORK_TYPE_ANY)
                        .setBackoffCriteria(TimeUnit.SECONDS.toMillis(30), JobInfo.BACKOFF_POLICY_EXPONENTIAL)
                        .build());
    }

    public static void cancelAll(Context context) {
        context.getSystemService(JobScheduler.class).cancelAll();
    }
}
