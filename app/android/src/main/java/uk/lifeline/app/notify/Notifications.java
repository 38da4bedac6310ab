package uk.lifeline.app.notify;

import android.app.Notification;
import android.app.NotificationChannel;
import android.app.NotificationManager;
import android.app.PendingIntent;
import android.content.Context;
import android.content.Intent;
import java.time.Clock;
import uk.lifeline.app.R;
import uk.lifeline.app.core.AppCore;
import uk.lifeline.app.delivery.Inbox;
import uk.lifeline.app.trust.SignedNotice;
import uk.lifeline.app.ui.Words;
import uk.lifeline.app.ui.screen.wallet.WalletActivity;
import uk.lifeline.words.CommandWords;
import uk.lifeline.words.When;

/**
 * Every notification the app shows, and the one place its channels are made: new codes, supply notices (high
 * priority: 'your supply will not be cut off until ...'), warnings about messages that failed verification and
 * low credit.
 * Thread-safe.
 */
public final class Notifications {

    public static final String CODES = "codes";
    public static final String NOTICES = "notices";
    public static final String WARNINGS = "warnings";
    public static final String CREDIT = "credit";
    static final int NEW_CODES_ID = 1;
    static final int WARNING_ID = 2;
    static final int NOTICE_ID = 3;
    static final int LOW_CREDIT_ID = 4;

    private final Context context;
    private final Clock clock;

    public Notifications(Context context, Clock clock) {
        this.context = context;
        this.clock = clock;
    }

    public static void createChannels(Context context) {
        NotificationManager manager = context.getSystemService(NotificationManager.class);
        manager.createNotificationChannel(new NotificationChannel(
                CODES, context.getString(R.string.channel_codes), NotificationManager.IMPORTANCE_DEFAULT));
        manager.createNotificationChannel(new NotificationChannel(
                NOTICES, context.getString(R.string.channel_notices), NotificationManager.IMPORTANCE_HIGH));
        manager.createNotificationChannel(new NotificationChannel(
                WARNINGS, context.getString(R.string.channel_warnings), NotificationManager.IMPORTANCE_HIGH));
        manager.createNotificationChannel(new NotificationChannel(
                CREDIT, context.getString(R.string.channel_credit), NotificationManager.IMPORTANCE_HIGH));
    }

    /** Takes every notification the app showed off the screen (after the customer removed the app's data). */
    public void cancelAll() {
        context.getSystemService(NotificationManager.class).cancelAll();
    }

    /**
     * The low-credit warning, before the credit may run out (shared's {@code DaysLeft.low}); {@code days} is the
     * meter's line ("Gas: less than a day of credit left"). One at a time: a newer one replaces it.
     */
    public void lowCredit(String days) {
        Context context = Words.localised(this.context);
        show(
                LOW_CREDIT_ID,
                CREDIT,
                context.getString(R.string.notify_low_credit),
                context.getString(R.string.notify_low_credit_text, days),
                true);
    }

    /** What a sync, stream event or push brought: new codes, notices, and any message that failed verification. */
    public void announce(Inbox.Report report, AppCore core) {
        Context context = Words.localised(this.context);
        String supplier = core.session().supplierName();
        When when = Words.when(context, clock.instant());
        if (!report.added().isEmpty()) {
            String title = report.added().size() == 1
                    ? context.getString(
                            R.string.notify_new_code,
                            CommandWords.describe(report.added().get(0).command(), when))
                    : context.getResources()
                            .getQuantityString(
                                    R.plurals.notify_new_codes,
                                    report.added().size(),
                                    report.added().size());
            show(NEW_CODES_ID, CODES, title, context.getString(R.string.notify_verified, supplier));
        }
        if (report.refusedAny()) {
            show(
                    WARNING_ID,
                    WARNINGS,
                    context.getString(R.string.notify_refused),
                    context.getString(
                            R.string.warning_refused, supplier, core.session().supplierPhone()));
        }
        if (report.notices() > 0) {
            for (SignedNotice notice : core.notices().active()) {
                show(
                        NOTICE_ID,
                        NOTICES,
                        context.getString(R.string.notify_notice_title),
                        Words.noticeHeadline(context, notice, clock.instant()));
            }
        }
    }

    private void show(int id, String channel, String title, String text) {
        show(id, channel, title, text, false);
    }

    /** {@code quietUpdate}: a warning the sync repeats every round sounds once, then only updates. */
    private void show(int id, String channel, String title, String text, boolean quietUpdate) {
        PendingIntent open = PendingIntent.getActivity(
                context,
                0,
                new Intent(context, WalletActivity.class)
                        .addFlags(Intent.FLAG_ACTIVITY_NEW_TASK | Intent.FLAG_ACTIVITY_CLEAR_TOP),
                PendingIntent.FLAG_IMMUTABLE);
        Notification notification = new Notification.Builder(context, channel)
                .setSmallIcon(R.drawable.ic_notify)
                .setContentTitle(title)
                .setContentText(text)
                .setStyle(new Notification.BigTextStyle().bigText(text))
                .setContentIntent(open)
                .setAutoCancel(true)
                .setOnlyAlertOnce(quietUpdate)
                .build();
        context.getSystemService(NotificationManager.class).notify(id, notification);
    }
}
