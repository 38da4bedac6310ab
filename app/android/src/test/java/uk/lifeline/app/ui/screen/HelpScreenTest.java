package uk.lifeline.app.ui.screen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.robolectric.Shadows.shadowOf;

import android.app.Activity;
import android.app.AlertDialog;
import android.content.DialogInterface;
import android.content.Intent;
import android.view.View;
import android.widget.Button;
import android.widget.RadioButton;
import android.widget.RadioGroup;
import android.widget.TextView;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.annotation.Config;
import org.robolectric.fakes.RoboMenu;
import org.robolectric.shadows.ShadowDialog;
import uk.lifeline.app.R;
import uk.lifeline.app.testing.TestSupplier;
import uk.lifeline.app.ui.ScreenTest;
import uk.lifeline.app.ui.Screens;
import uk.lifeline.app.ui.screen.entry.EntryActivity;
import uk.lifeline.app.ui.screen.help.HelpActivity;
import uk.lifeline.app.ui.screen.result.ResultActivity;
import uk.lifeline.app.ui.screen.signin.SignInActivity;
import uk.lifeline.app.ui.screen.wallet.WalletActivity;
import uk.lifeline.command.TopUp;

@RunWith(RobolectricTestRunner.class)
public class HelpScreenTest extends ScreenTest {

    @Test
    public void helpGivesTheSuppliersNumbersAndHoursTheOffSupplyStepsAndHowToTypeACode() throws Exception {
        signIn();
        HelpActivity help = open();

        assertThat(text(help, R.id.help_hours)).startsWith("Demo Energy: ").contains(". Open ");
        assertThat(text(help, R.id.help_off_supply))
                .startsWith("First take emergency credit")
                .contains("call Demo Energy on");
        help.findViewById(R.id.help_call).performClick();
        assertThat(shadowOf(help).getNextStartedActivity().getAction()).isEqualTo(Intent.ACTION_DIAL);
        help.findViewById(R.id.help_call_off_supply).performClick();
        assertThat(shadowOf(help).getNextStartedActivity().getAction()).isEqualTo(Intent.ACTION_DIAL);
    }

    @Test
    @Config(qualifiers = "cy")
    public void helpIsInWelsh() throws Exception {
        signIn();
        HelpActivity help = open();

        assertThat(text(help, R.id.help_off_supply)).startsWith("Yn gyntaf, cymerwch gredyd brys");
        assertThat(((Button) help.findViewById(R.id.help_unlink)).getText().toString())
                .isEqualTo("Datgysylltu'r ffôn hwn");
    }

    @Test
    public void unlinkingAsksFirstThenRevokesThisPhonesSession() throws Exception {
        signIn();
        HelpActivity help = open();

        help.findViewById(R.id.help_unlink).performClick();
        AlertDialog ask = (AlertDialog) ShadowDialog.getLatestDialog();
        ask.getButton(DialogInterface.BUTTON_NEGATIVE).performClick();
        idle();
        assertThat(backend.requests("DELETE", "/api/v1/me/sessions/current")).isEmpty();

        help.findViewById(R.id.help_unlink).performClick();
        ask = (AlertDialog) ShadowDialog.getLatestDialog();
        ask.getButton(DialogInterface.BUTTON_POSITIVE).performClick();
        idle();

        assertThat(backend.requests("DELETE", "/api/v1/me/sessions/current")).hasSize(1);
        assertThat(text(help, R.id.help_unlink_state)).isEqualTo("This phone is unlinked.");
        assertThat(help.findViewById(R.id.help_unlink).getVisibility()).isEqualTo(View.GONE);
        assertThat(offMain(graph::signedOut)).isTrue();
    }

    @Test
    public void afterUnlinkingTheCustomerMayRemoveEverythingFromThePhone() throws Exception {
        signIn();
        offMain(() -> graph.core().wallet().receive(supplier.envelope(new TopUp(2000), 1), "pull"));
        HelpActivity help = open();
        assertThat(help.findViewById(R.id.help_forget).getVisibility()).isEqualTo(View.GONE);
        help.findViewById(R.id.help_unlink).performClick();
        ((AlertDialog) ShadowDialog.getLatestDialog())
                .getButton(DialogInterface.BUTTON_POSITIVE)
                .performClick();
        idle();
        // Unlinked, the codes stay (they still work at the meter) until the customer removes them.
        assertThat(offMain(() -> graph.core().wallet().toEnter())).hasSize(1);
        assertThat(help.findViewById(R.id.help_forget).getVisibility()).isEqualTo(View.VISIBLE);

        help.findViewById(R.id.help_forget).performClick();
        ((AlertDialog) ShadowDialog.getLatestDialog())
                .getButton(DialogInterface.BUTTON_POSITIVE)
                .performClick();
        idle();

        assertThat(text(help, R.id.help_unlink_state))
                .isEqualTo("This phone is unlinked and keeps nothing of your account.");
        assertThat(help.findViewById(R.id.help_forget).getVisibility()).isEqualTo(View.GONE);
        assertThat(offMain(graph::core)).isNull();
        assertThat(offMain(() -> new uk.lifeline.app.storage.LifelineDatabase(app).all()))
                .isEmpty();
        assertThat(offMain(graph::signedOut)).isTrue();
    }

    @Test
    public void everyScreenHasAHelpButtonThatOpensHelp() throws Exception {
        signIn();
        String id = offMain(() -> graph.core()
                .wallet()
                .receive(supplier.envelope(new TopUp(2000), 1), "pull")
                .code()
                .id());
        Intent forCode = new Intent().putExtra(Screens.CODE_ID, id);
        for (Class<? extends Activity> screen : List.of(
                WalletActivity.class,
                SignInActivity.class,
                EntryActivity.class,
                ResultActivity.class,
                uk.lifeline.app.ui.screen.credit.CreditActivity.class)) {
            Activity shown = Robolectric.buildActivity(screen, new Intent(forCode).setClass(app, screen))
                    .setup()
                    .get();
            idle();
            RoboMenu menu = new RoboMenu(shown);
            shown.onCreateOptionsMenu(menu);
            assertThat(menu.findItem(R.id.help).getTitle().toString())
                    .as(screen.getSimpleName())
                    .isEqualTo("Help");

            shown.onOptionsItemSelected(menu.findItem(R.id.help));

            assertThat(shadowOf(shown).getNextStartedActivity().getComponent().getClassName())
                    .as(screen.getSimpleName())
                    .isEqualTo(HelpActivity.class.getName());
        }
    }

    /** Test words for made-up models: the supplier's configuration carries the real ones. */
    public static List<java.util.Map<String, Object>> madeUpKeypads() {
        return List.of(
                TestSupplier.keypadGuide(
                        "Display A", "Press Menu, then Top up.", "Pwyswch Dewislen, yna Ychwanegu credyd."),
                TestSupplier.keypadGuide("Meter B", "Press A, then 9.", "Pwyswch A, yna 9."));
    }

    /** Help for a signed-in customer whose supplier's configuration lists the made-up models. */
    private HelpActivity openWithMadeUpKeypads() throws Exception {
        supplier.keypads(madeUpKeypads());
        restartProcess();
        signIn();
        return open();
    }

    @Test
    public void theCustomerPicksTheirDisplayAndSeesTheSuppliersWordsForItKeptForNextTime() throws Exception {
        HelpActivity help = openWithMadeUpKeypads();

        RadioGroup models = help.findViewById(R.id.help_keypad_models);
        assertThat(models.getVisibility()).isEqualTo(View.VISIBLE);
        assertThat(choices(models)).containsExactly("Another one, or I am not sure", "Display A", "Meter B");
        assertThat(((RadioButton) models.getChildAt(0)).isChecked()).isTrue();
        assertThat(text(help, R.id.help_keypad)).startsWith("On your in-home display or meter, open the menu");

        models.getChildAt(2).performClick();
        idle();
        assertThat(text(help, R.id.help_keypad)).isEqualTo("Press A, then 9.");

        HelpActivity again = open();
        RadioGroup kept = again.findViewById(R.id.help_keypad_models);
        assertThat(((RadioButton) kept.getChildAt(2)).isChecked()).isTrue();
        assertThat(text(again, R.id.help_keypad)).isEqualTo("Press A, then 9.");

        kept.getChildAt(0).performClick();
        idle();
        assertThat(text(again, R.id.help_keypad)).startsWith("On your in-home display or meter, open the menu");
    }

    @Test
    @Config(qualifiers = "cy")
    public void theSuppliersKeypadWordsAreInWelsh() throws Exception {
        HelpActivity help = openWithMadeUpKeypads();

        RadioGroup models = help.findViewById(R.id.help_keypad_models);
        assertThat(choices(models)).startsWith("Un arall, neu dydw i ddim yn siŵr");
        models.getChildAt(1).performClick();
        idle();
        assertThat(text(help, R.id.help_keypad)).isEqualTo("Pwyswch Dewislen, yna Ychwanegu credyd.");
    }

    @Test
    public void withoutGuidesFromTheSupplierOnlyTheGenericWordsShow() throws Exception {
        signIn();
        HelpActivity help = open();

        assertThat(help.findViewById(R.id.help_keypad_models).getVisibility()).isEqualTo(View.GONE);
        assertThat(help.findViewById(R.id.help_keypad_which).getVisibility()).isEqualTo(View.GONE);
        assertThat(text(help, R.id.help_keypad)).startsWith("On your in-home display or meter, open the menu");
    }

    private static List<String> choices(RadioGroup models) {
        List<String> words = new java.util.ArrayList<>();
        for (int i = 0; i < models.getChildCount(); i++) {
            words.add(((RadioButton) models.getChildAt(i)).getText().toString());
        }
        return words;
    }

    @Test
    public void helpItselfHasNoHelpButton() throws Exception {
        HelpActivity help = open();
        RoboMenu menu = new RoboMenu(help);
        help.onCreateOptionsMenu(menu);
        assertThat(menu.findItem(R.id.help)).isNull();
    }

    private HelpActivity open() {
        HelpActivity help =
                Robolectric.buildActivity(HelpActivity.class).setup().get();
        idle();
        return help;
    }

    private static String text(HelpActivity screen, int id) {
        return ((TextView) screen.findViewById(id)).getText().toString();
    }
}
