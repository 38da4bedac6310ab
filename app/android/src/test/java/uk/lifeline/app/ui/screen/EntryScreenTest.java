package uk.lifeline.app.ui.screen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.robolectric.Shadows.shadowOf;

import android.app.job.JobScheduler;
import android.content.Intent;
import android.speech.tts.TextToSpeech;
import android.view.View;
import android.widget.Button;
import android.widget.TextView;
import java.util.List;
import java.util.Optional;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.annotation.Config;
import org.robolectric.shadows.ShadowTextToSpeech;
import uk.lifeline.app.R;
import uk.lifeline.app.background.SyncScheduler;
import uk.lifeline.app.core.AppCore;
import uk.lifeline.app.delivery.Inbox;
import uk.lifeline.app.delivery.PushMessage;
import uk.lifeline.app.entry.EntryOutcome;
import uk.lifeline.app.ui.ScreenTest;
import uk.lifeline.app.ui.Screens;
import uk.lifeline.app.ui.screen.entry.EntryActivity;
import uk.lifeline.app.ui.screen.result.ResultActivity;
import uk.lifeline.app.wallet.CodeStatus;
import uk.lifeline.app.wallet.WalletCode;
import uk.lifeline.command.ChangePrice;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.command.TopUp;
import uk.lifeline.command.UnitPrice;

@RunWith(RobolectricTestRunner.class)
public class EntryScreenTest extends ScreenTest {

    static final MeterCommand PRICE =
            new ChangePrice(UnitPrice.parse("u", "24.862"), UnitPrice.parse("s", "60.97"), Optional.empty());

    @Test
    public void showsOneGroupAtATimeAndMovesThroughEveryBlock() throws Exception {
        WalletCode code = receive(PRICE, 8);
        List<String> blocks = code.code().blocks();
        EntryActivity entry = open(EntryActivity.class, code);

        assertThat(text(entry, R.id.what))
                .isEqualTo("Changes your price to 24.862p per kWh and 60.97p a day standing charge");
        assertThat(text(entry, R.id.block_label)).isEqualTo("Block 1 of 2");
        assertThat(text(entry, R.id.group_label)).isEqualTo("Group 1 of 5");
        assertThat(text(entry, R.id.digits)).isEqualTo(blocks.get(0).substring(0, 4));
        assertThat(entry.findViewById(R.id.digits).getContentDescription().toString())
                .isEqualTo("Type " + spaced(blocks.get(0).substring(0, 4)));
        assertThat(text(entry, R.id.all_groups)).isEqualTo(String.join("  ", groups(blocks.get(0))));
        assertThat(graph.core().wallet().find(code.id()).get().status()).isEqualTo(CodeStatus.ENTERING);

        for (int i = 0; i < 4; i++) {
            entry.findViewById(R.id.next).performClick();
        }
        assertThat(text(entry, R.id.group_label)).isEqualTo("Group 5 of 5");
        assertThat(entry.findViewById(R.id.press_enter).getVisibility()).isEqualTo(View.VISIBLE);

        entry.findViewById(R.id.next).performClick();
        assertThat(text(entry, R.id.block_label)).isEqualTo("Block 2 of 2");
        assertThat(text(entry, R.id.digits)).isEqualTo(blocks.get(1).substring(0, 4));
        assertThat(entry.findViewById(R.id.press_enter).getVisibility()).isEqualTo(View.GONE);

        entry.findViewById(R.id.back).performClick();
        assertThat(text(entry, R.id.block_label)).isEqualTo("Block 1 of 2");
        assertThat(text(entry, R.id.digits)).isEqualTo(blocks.get(0).substring(16));

        for (int i = 0; i < 5; i++) {
            entry.findViewById(R.id.next).performClick();
        }
        assertThat(((Button) entry.findViewById(R.id.next)).getText().toString())
                .isEqualTo("I have typed it all");
        entry.findViewById(R.id.next).performClick();
        idle();

        Intent next = shadowOf(entry).getNextStartedActivity();
        assertThat(next.getComponent().getClassName()).isEqualTo(ResultActivity.class.getName());
        assertThat(graph.core().wallet().find(code.id()).get().status()).isEqualTo(CodeStatus.ENTERED);
    }

    @Test
    public void readsTheGroupAloudAtTheCustomersPace() throws Exception {
        WalletCode code = receive(new TopUp(2000), 1);
        String block = code.code().blocks().get(0);
        EntryActivity entry = open(EntryActivity.class, code);

        ShadowTextToSpeech speech = startReadingAloud(entry);
        assertThat(speech.getLastSpokenText()).isEqualTo("group 1 of 5: " + commas(block.substring(0, 4)) + ".");

        entry.findViewById(R.id.next).performClick();
        assertThat(speech.getLastSpokenText()).isEqualTo("group 2 of 5: " + commas(block.substring(4, 8)) + ".");
        assertThat(speech.getSpokenTextList()).hasSize(2);

        entry.findViewById(R.id.say_again).performClick();
        assertThat(speech.getSpokenTextList()).hasSize(3);
        assertThat(speech.getCurrentLanguage()).isEqualTo(java.util.Locale.UK);
    }

    @Test
    @org.robolectric.annotation.Config(qualifiers = "cy")
    public void withoutAWelshVoiceTheScreenSaysSoAndOffersThePhonesSettings() throws Exception {
        WalletCode code = receive(new TopUp(2000), 1);
        EntryActivity entry = open(EntryActivity.class, code);

        ShadowTextToSpeech speech = startReadingAloud(entry);

        assertThat(speech.getCurrentLanguage()).isEqualTo(new java.util.Locale("cy", "GB"));
        assertThat(speech.getSpokenTextList()).isEmpty();
        assertThat(entry.findViewById(R.id.speech_problem).getVisibility()).isEqualTo(View.VISIBLE);
        assertThat(text(entry, R.id.block_label)).isEqualTo("Bloc 1 o 1");
        entry.findViewById(R.id.speech_settings).performClick();
        assertThat(shadowOf(entry).getNextStartedActivity().getAction()).isEqualTo("com.android.settings.TTS_SETTINGS");
    }

    @Test
    public void aSecondTapAndARotationRecordNothingMoreAndTheAnswerStaysOnShow() throws Exception {
        WalletCode code = receive(new TopUp(2000), 1);
        org.robolectric.android.controller.ActivityController<ResultActivity> screen = Robolectric.buildActivity(
                        ResultActivity.class,
                        new Intent(app, ResultActivity.class).putExtra(Screens.CODE_ID, code.id()))
                .setup();
        idle();

        screen.get().findViewById(R.id.accepted).performClick();
        screen.get().findViewById(R.id.rejected).performClick();
        idle();
        screen.recreate();
        idle();

        ResultActivity rotated = screen.get();
        assertThat(text(rotated, R.id.answer_title)).isEqualTo("Accepted");
        assertThat(rotated.findViewById(R.id.choices).getVisibility()).isEqualTo(View.GONE);
        assertThat(backend.requests("POST", "/api/v1/codes/" + code.id() + "/result"))
                .hasSize(1);
        assertThat(graph.core().wallet().find(code.id()).get().status()).isEqualTo(CodeStatus.ACCEPTED);
    }

    @Test
    public void theEntryScreenKeepsItsPlaceAcrossARotationAndAProcessDeath() throws Exception {
        WalletCode code = receive(PRICE, 8);
        List<String> blocks = code.code().blocks();
        Intent intent = new Intent(app, EntryActivity.class).putExtra(Screens.CODE_ID, code.id());
        org.robolectric.android.controller.ActivityController<EntryActivity> screen =
                Robolectric.buildActivity(EntryActivity.class, intent).setup();
        idle();
        for (int i = 0; i < 6; i++) {
            screen.get().findViewById(R.id.next).performClick();
        }
        assertThat(text(screen.get(), R.id.block_label)).isEqualTo("Block 2 of 2");

        screen.recreate();
        idle();
        assertThat(text(screen.get(), R.id.block_label)).isEqualTo("Block 2 of 2");
        assertThat(text(screen.get(), R.id.group_label)).isEqualTo("Group 2 of 5");
        assertThat(text(screen.get(), R.id.digits)).isEqualTo(blocks.get(1).substring(4, 8));

        // The phone kills the app in the background: a new process, a new graph, the same saved state.
        android.os.Bundle saved = new android.os.Bundle();
        screen.saveInstanceState(saved).pause().stop().destroy();
        restartProcess();
        EntryActivity restored = Robolectric.buildActivity(EntryActivity.class, intent)
                .setup(saved)
                .get();
        idle();
        assertThat(text(restored, R.id.block_label)).isEqualTo("Block 2 of 2");
        assertThat(text(restored, R.id.group_label)).isEqualTo("Group 2 of 5");
        assertThat(text(restored, R.id.digits)).isEqualTo(blocks.get(1).substring(4, 8));
    }

    @Test
    public void typeItAgainStartsAtTheBlockTheCustomerChooses() throws Exception {
        WalletCode code = receive(PRICE, 8);
        List<String> blocks = code.code().blocks();
        org.robolectric.android.controller.ActivityController<ResultActivity> screen = Robolectric.buildActivity(
                        ResultActivity.class,
                        new Intent(app, ResultActivity.class).putExtra(Screens.CODE_ID, code.id()))
                .setup();
        idle();
        screen.get().findViewById(R.id.rejected).performClick();
        idle();
        screen.get().findViewById(R.id.try_again).performClick();

        android.widget.LinearLayout choices = screen.get().findViewById(R.id.retry_block_buttons);
        assertThat(screen.get().findViewById(R.id.retry_blocks).getVisibility()).isEqualTo(View.VISIBLE);
        assertThat(choices.getChildCount()).isEqualTo(2);
        assertThat(((Button) choices.getChildAt(1)).getText().toString()).isEqualTo("Block 2");

        // The choice survives a rotation too.
        screen.recreate();
        idle();
        choices = screen.get().findViewById(R.id.retry_block_buttons);
        assertThat(choices.getChildCount()).isEqualTo(2);
        choices.getChildAt(1).performClick();

        Intent next = shadowOf(screen.get()).getNextStartedActivity();
        assertThat(next.getIntExtra(EntryActivity.FROM_BLOCK, 0)).isEqualTo(2);
        EntryActivity entry =
                Robolectric.buildActivity(EntryActivity.class, next).setup().get();
        idle();
        assertThat(text(entry, R.id.block_label)).isEqualTo("Block 2 of 2");
        assertThat(text(entry, R.id.group_label)).isEqualTo("Group 1 of 5");
        assertThat(text(entry, R.id.digits)).isEqualTo(blocks.get(1).substring(0, 4));
    }

    @Test
    public void aResultGoesWithItsOwnIdTheSameOnEveryRetry() throws Exception {
        WalletCode code = receive(new TopUp(2000), 1);
        backend.answerResultsWith(503);
        ResultActivity result = open(ResultActivity.class, code);
        result.findViewById(R.id.accepted).performClick();
        idle();
        backend.answerResultsWith(200);
        offMain(() -> graph.core().results().send());

        List<uk.lifeline.app.testing.FakeBackend.Request> posts =
                backend.requests("POST", "/api/v1/codes/" + code.id() + "/result");
        assertThat(posts).hasSize(2);
        assertThat(posts.get(0).idempotencyKey())
                .isNotBlank()
                .isEqualTo(posts.get(1).idempotencyKey());
    }

    @Test
    public void aResultIsQueuedAndSentWithWhatToDoNext() throws Exception {
        WalletCode code = receive(new TopUp(2000), 1);
        ResultActivity result = open(ResultActivity.class, code);

        result.findViewById(R.id.locked).performClick();
        idle();

        assertThat(text(result, R.id.answer_title)).isEqualTo("Locked");
        assertThat(text(result, R.id.advice))
                .isEqualTo(result.getString(uk.lifeline.app.ui.Words.advice(EntryOutcome.LOCKED)));
        assertThat(result.findViewById(R.id.try_again).getVisibility()).isEqualTo(View.VISIBLE);
        assertThat(text(result, R.id.delivery)).isEqualTo("Sent to Demo Energy.");
        assertThat(backend.requests("POST", "/api/v1/codes/" + code.id() + "/result"))
                .singleElement()
                .satisfies(r -> assertThat(r.body()).isEqualTo("{\"outcome\":\"REJECTED\",\"reason\":\"locked-out\"}"));
        assertThat(graph.database().pending()).isEmpty();
        WalletCode kept = graph.core().wallet().find(code.id()).get();
        assertThat(kept.status()).isEqualTo(CodeStatus.REJECTED);
        assertThat(graph.core().wallet().toEnter()).extracting(WalletCode::id).containsExactly(code.id());
    }

    @Test
    public void offlineTheResultWaitsInTheQueueForTheNextTimeOnline() throws Exception {
        WalletCode code = receive(new TopUp(2000), 1);
        backend.answerResultsWith(503);
        ResultActivity result = open(ResultActivity.class, code);

        result.findViewById(R.id.accepted).performClick();
        idle();

        assertThat(text(result, R.id.delivery))
                .isEqualTo("Saved on this phone. It will be sent to Demo Energy when you are online.");
        assertThat(graph.database().pending()).singleElement().satisfies(r -> assertThat(r.outcome())
                .isEqualTo(EntryOutcome.ACCEPTED));
        assertThat(app.getSystemService(JobScheduler.class).getPendingJob(SyncScheduler.ONCE_ONLINE))
                .isNotNull();
        assertThat(graph.core().wallet().toEnter()).isEmpty();

        backend.answerResultsWith(200);
        graph.core().sync();
        assertThat(graph.database().pending()).isEmpty();
        assertThat(backend.requests("POST", "/api/v1/codes/" + code.id() + "/result"))
                .hasSize(2);
    }

    @Test
    @Config(fontScale = 2.0f)
    public void atTheLargestFontSizeTheDigitsGrowAndTalkBackReadsThemOneByOne() throws Exception {
        WalletCode code = receive(new TopUp(2000), 1);
        EntryActivity entry = open(EntryActivity.class, code);

        // Android 14 scales font sizes non-linearly: at 200% 24sp words grow by half, 72sp digits (already huge) a
        // little.
        float density = entry.getResources().getDisplayMetrics().density;
        assertThat(((TextView) entry.findViewById(R.id.group_label)).getTextSize())
                .isGreaterThanOrEqualTo(24 * density * 1.5f);
        TextView digits = entry.findViewById(R.id.digits);
        assertThat(digits.getTextSize()).isGreaterThan(72 * density);
        assertThat(digits.getMaxLines()).isEqualTo(1);
        assertThat(digits.getContentDescription().toString()).matches("Type [0-9] [0-9] [0-9] [0-9]");
        assertThat(digits.getAccessibilityLiveRegion()).isEqualTo(View.ACCESSIBILITY_LIVE_REGION_POLITE);
        assertThat(entry.findViewById(R.id.next).getMinimumHeight())
                .isGreaterThanOrEqualTo((int) (96 * entry.getResources().getDisplayMetrics().density));
    }

    private WalletCode receive(MeterCommand command, long counter) throws Exception {
        AppCore core = signIn();
        Inbox.Report report = core.inbox()
                .handle(
                        PushMessage.parse(
                                java.util.Map.of("type", "code", "envelope", supplier.envelope(command, counter))),
                        Inbox.PUSH);
        return core.wallet().find(report.added().get(0).id()).get();
    }

    private <T extends android.app.Activity> T open(Class<T> screen, WalletCode code) {
        T activity = Robolectric.buildActivity(screen, new Intent(app, screen).putExtra(Screens.CODE_ID, code.id()))
                .setup()
                .get();
        idle();
        return activity;
    }

    /** Taps Read aloud on a phone with a UK English voice only, and lets the engine start. */
    private static ShadowTextToSpeech startReadingAloud(EntryActivity entry) {
        ShadowTextToSpeech.addLanguageAvailability(java.util.Locale.UK);
        entry.findViewById(R.id.read_aloud).performClick();
        ShadowTextToSpeech speech = shadowOf(ShadowTextToSpeech.getLastTextToSpeechInstance());
        speech.getOnInitListener().onInit(TextToSpeech.SUCCESS);
        idle();
        return speech;
    }

    private static String text(android.app.Activity activity, int id) {
        return ((TextView) activity.findViewById(id)).getText().toString();
    }

    private static List<String> groups(String block) {
        return List.of(
                block.substring(0, 4),
                block.substring(4, 8),
                block.substring(8, 12),
                block.substring(12, 16),
                block.substring(16));
    }

    private static String spaced(String digits) {
        return String.join(" ", digits.split(""));
    }

    private static String commas(String digits) {
        return String.join(", ", digits.split(""));
    }
}
