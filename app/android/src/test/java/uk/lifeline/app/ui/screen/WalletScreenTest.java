package uk.lifeline.app.ui.screen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.robolectric.Shadows.shadowOf;

import android.app.job.JobScheduler;
import android.content.Intent;
import android.view.View;
import android.widget.LinearLayout;
import android.widget.TextView;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.android.controller.ActivityController;
import uk.lifeline.app.R;
import uk.lifeline.app.background.PushReceiver;
import uk.lifeline.app.background.SyncJobService;
import uk.lifeline.app.background.SyncScheduler;
import uk.lifeline.app.testing.TestSupplier;
import uk.lifeline.app.trust.EnvelopeVerifier;
import uk.lifeline.app.ui.ScreenTest;
import uk.lifeline.app.ui.Screens;
import uk.lifeline.app.ui.screen.entry.EntryActivity;
import uk.lifeline.app.ui.screen.wallet.WalletActivity;
import uk.lifeline.command.ChangePrice;
import uk.lifeline.command.TopUp;
import uk.lifeline.command.UnitPrice;

@RunWith(RobolectricTestRunner.class)
public class WalletScreenTest extends ScreenTest {

    @Test
    public void aCodeReceivedOnOpeningAppearsVerifiedInEntryOrder() throws Exception {
        signIn();
        backend.addCode("ISSUED", supplier.envelope(new TopUp(2000), 1));
        backend.addCode(
                "ISSUED",
                supplier.envelope(
                        new ChangePrice(
                                UnitPrice.parse("u", "24.862"),
                                UnitPrice.parse("s", "60.97"),
                                java.util.Optional.empty()),
                        2));

        WalletActivity wallet = open();

        LinearLayout codes = wallet.findViewById(R.id.codes);
        assertThat(codes.getChildCount()).isEqualTo(2);
        assertThat(text(codes.getChildAt(0), R.id.what))
                .isEqualTo("Changes your price to 24.862p per kWh and 60.97p a day standing charge");
        assertThat(text(codes.getChildAt(1), R.id.what)).isEqualTo("Adds £20.00 credit");
        assertThat(text(codes.getChildAt(1), R.id.verified)).isEqualTo("Verified from Demo Energy");
        // The next code to enter leads the screen, above any notice or warning.
        android.widget.Button next = wallet.findViewById(R.id.next_code);
        assertThat(next.getVisibility()).isEqualTo(android.view.View.VISIBLE);
        assertThat(((android.view.ViewGroup) next.getParent()).getChildAt(0)).isSameAs(next);
        assertThat(next.getText().toString())
                .isEqualTo(
                        "Next code to enter: Changes your price to 24.862p per kWh and 60.97p a day standing charge");
        next.performClick();
        assertThat(shadowOf(wallet).getNextStartedActivity().getStringExtra(Screens.CODE_ID))
                .isEqualTo(offMain(() -> graph.core().wallet().toEnter().get(0).id()));
        assertThat(text(codes.getChildAt(1), R.id.position)).isEqualTo("Code 2 of 2");
        assertThat(text(codes.getChildAt(1), R.id.details)).startsWith("20 digits in 1 block · meter ending 6677");
        assertThat(codes.getChildAt(1).findViewById(R.id.enter).getContentDescription())
                .isEqualTo("Enter code 2: Adds £20.00 credit");
        assertThat(text(wallet.getWindow().getDecorView(), R.id.sync_state)).startsWith("Up to date at");
    }

    @Test
    public void aCodePushedWhileAwayIsInTheWalletAndTheSyncJobIsScheduled() throws Exception {
        signIn();
        SyncScheduler.schedulePeriodic(app, false);
        app.sendBroadcast(new Intent("com.google.android.c2dm.intent.RECEIVE")
                .setClass(app, PushReceiver.class)
                .putExtra("type", "code")
                .putExtra("envelope", supplier.envelope(new TopUp(1500), 3)));
        idle();

        WalletActivity wallet = open();

        LinearLayout codes = wallet.findViewById(R.id.codes);
        assertThat(codes.getChildCount()).isEqualTo(1);
        assertThat(text(codes.getChildAt(0), R.id.what)).isEqualTo("Adds £15.00 credit");
        assertThat(app.getSystemService(JobScheduler.class).getPendingJob(SyncScheduler.PERIODIC))
                .isNotNull();

        codes.getChildAt(0).findViewById(R.id.enter).performClick();
        Intent started = shadowOf(wallet).getNextStartedActivity();
        assertThat(started.getComponent().getClassName()).isEqualTo(EntryActivity.class.getName());
        assertThat(started.getStringExtra(Screens.CODE_ID))
                .isEqualTo(TestSupplier.idOf(
                        graph.core().wallet().toEnter().get(0).code().envelope()));
    }

    @Test
    public void aNoticeJoinedWithACodeInOnePushBringsBothAndTheSyncRunsEveryFifteenMinutes() throws Exception {
        signIn();
        SyncScheduler.schedulePeriodic(app, false);
        String code = supplier.envelope(new TopUp(1500), 3);
        app.sendBroadcast(new Intent("com.google.android.c2dm.intent.RECEIVE")
                .setClass(app, PushReceiver.class)
                .putExtra("type", "notice")
                .putExtra("id", "n1")
                .putExtra("envelope", supplier.notice(supplier.now(), java.time.Instant.parse("2026-12-04T18:00:00Z")))
                .putExtra("codeId", TestSupplier.idOf(code))
                .putExtra("codeEnvelope", code)
                .putExtra("codeStatus", "ISSUED")
                .putExtra("google.message_id", "0:1"));
        idle();

        assertThat(graph.core().wallet().toEnter())
                .singleElement()
                .satisfies(c -> assertThat(c.code().command()).isEqualTo(new TopUp(1500)));
        assertThat(graph.core().notices().active()).hasSize(1);
        offMain(() -> SyncJobService.syncOnce(graph, graph.core()));
        assertThat(app.getSystemService(JobScheduler.class)
                        .getPendingJob(SyncScheduler.PERIODIC)
                        .getIntervalMillis())
                .isEqualTo(java.util.concurrent.TimeUnit.MINUTES.toMillis(15));
    }

    @Test
    public void withNothingWaitingTheSyncRunsHourly() throws Exception {
        signIn();

        offMain(() -> SyncJobService.syncOnce(graph, graph.core()));

        assertThat(app.getSystemService(JobScheduler.class)
                        .getPendingJob(SyncScheduler.PERIODIC)
                        .getIntervalMillis())
                .isEqualTo(java.util.concurrent.TimeUnit.HOURS.toMillis(1));
    }

    @Test
    public void aForgedCodeIsNeverShownAndTheCustomerIsToldToCall() throws Exception {
        signIn();
        backend.addCode(
                "00000000-0000-0000-0000-000000000001",
                "ISSUED",
                TestSupplier.sign(
                        supplier.claims(new TopUp(8000), 1).build(),
                        TestSupplier.newKey("demo-energy-20260101-0a1b2c3d"),
                        EnvelopeVerifier.CODE_TYPE));

        WalletActivity wallet = open();

        assertThat(((LinearLayout) wallet.findViewById(R.id.codes)).getChildCount())
                .isZero();
        assertThat(wallet.findViewById(R.id.warning).getVisibility()).isEqualTo(View.VISIBLE);
        assertThat(((TextView) wallet.findViewById(R.id.warning_text)).getText().toString())
                .isEqualTo("We received a message that did not come from Demo Energy. Do not type any code from it."
                        + " Call Demo Energy on 0800 123 4567.");
        wallet.findViewById(R.id.warning_call).performClick();
        assertThat(shadowOf(wallet).getNextStartedActivity().getData().toString())
                .isEqualTo("tel:08001234567");
    }

    @Test
    public void anEmergencyNoticeShowsAsABannerAndAHighPriorityNotification() throws Exception {
        signIn();
        backend.addNotice(supplier.notice(supplier.now(), java.time.Instant.parse("2026-12-04T18:00:00Z")));

        WalletActivity wallet = open();

        LinearLayout notices = wallet.findViewById(R.id.notices);
        assertThat(notices.getChildCount()).isEqualTo(1);
        assertThat(((TextView) notices.getChildAt(0)).getText().toString())
                .isEqualTo("Your supply will not be cut off until Friday 18:00.\nVery cold weather is forecast.");
        android.app.NotificationManager manager = app.getSystemService(android.app.NotificationManager.class);
        assertThat(shadowOf(manager).getAllNotifications()).anySatisfy(n -> {
            assertThat(n.getChannelId()).isEqualTo("notices");
            assertThat(n.extras.getString(android.app.Notification.EXTRA_TEXT))
                    .isEqualTo("Your supply will not be cut off until Friday 18:00.");
        });
        assertThat(manager.getNotificationChannel("notices").getImportance())
                .isEqualTo(android.app.NotificationManager.IMPORTANCE_HIGH);
    }

    private WalletActivity open() {
        ActivityController<WalletActivity> controller =
                Robolectric.buildActivity(WalletActivity.class).create().start();
        idle();
        controller.resume();
        idle();
        WalletActivity wallet = controller.get();
        controller.pause().stop();
        return wallet;
    }

    private static String text(View parent, int id) {
        return ((TextView) parent.findViewById(id)).getText().toString();
    }
}
