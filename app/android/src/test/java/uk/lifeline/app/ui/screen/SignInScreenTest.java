package uk.lifeline.app.ui.screen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.robolectric.Shadows.shadowOf;

import android.app.job.JobScheduler;
import android.view.View;
import android.widget.EditText;
import android.widget.TextView;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import uk.lifeline.app.R;
import uk.lifeline.app.background.SyncScheduler;
import uk.lifeline.app.testing.FakeBackend;
import uk.lifeline.app.testing.TestSupplier;
import uk.lifeline.app.ui.ScreenTest;
import uk.lifeline.app.ui.screen.signin.SignInActivity;
import uk.lifeline.app.ui.screen.wallet.WalletActivity;

@RunWith(RobolectricTestRunner.class)
public class SignInScreenTest extends ScreenTest {

    @Test
    public void withoutASessionTheWalletAsksToLinkTheAccount() {
        WalletActivity wallet =
                Robolectric.buildActivity(WalletActivity.class).setup().get();

        assertThat(shadowOf(wallet).getNextStartedActivity().getComponent().getClassName())
                .isEqualTo(SignInActivity.class.getName());
    }

    @Test
    public void anActivationCodeLinksTheAppAndTheSessionIsKeptEncrypted() {
        SignInActivity signIn =
                Robolectric.buildActivity(SignInActivity.class).setup().get();
        ((EditText) signIn.findViewById(R.id.activation_code)).setText("1234 5678 9017");

        signIn.findViewById(R.id.link).performClick();
        idle();

        assertThat(graph.core().session().customerId()).isEqualTo(TestSupplier.CUSTOMER);
        assertThat(graph.core().session().supplierName()).isEqualTo("Demo Energy");
        String kept = app.getSharedPreferences("session", 0).getString("sealed", "");
        assertThat(kept).isNotEmpty().doesNotContain(FakeBackend.TOKEN);
        assertThat(app.getSystemService(JobScheduler.class).getPendingJob(SyncScheduler.PERIODIC))
                .isNotNull();
        assertThat(shadowOf(signIn).getNextStartedActivity().getComponent().getClassName())
                .isEqualTo(WalletActivity.class.getName());
    }

    @Test
    public void aMistypedCodeIsCaughtBeforeAskingTheServer() {
        SignInActivity signIn =
                Robolectric.buildActivity(SignInActivity.class).setup().get();
        ((EditText) signIn.findViewById(R.id.activation_code)).setText("1234 5678 9071");

        signIn.findViewById(R.id.link).performClick();
        idle();

        TextView problem = signIn.findViewById(R.id.sign_in_problem);
        assertThat(problem.getVisibility()).isEqualTo(View.VISIBLE);
        assertThat(problem.getText().toString())
                .isEqualTo("One of the numbers is wrong. Check the code and type it again.");
        assertThat(backend.requests()).isEmpty();
        assertThat(graph.core()).isNull();
    }

    @Test
    public void thereIsNoServerToTypeAndHelpNamesTheBundledSupplier() {
        SignInActivity signIn =
                Robolectric.buildActivity(SignInActivity.class).setup().get();

        assertThat((Object) signIn.findViewById(R.id.activation_code)).isNotNull();
        assertThat(((TextView) signIn.findViewById(R.id.sign_in_help)).getText().toString())
                .contains("Demo Energy")
                .contains("0800 123 4567")
                .contains("Monday to Friday");
        assertThat(((TextView) signIn.findViewById(R.id.sign_in_call)).getText().toString())
                .isEqualTo("Call Demo Energy");
    }

    @Test
    @org.robolectric.annotation.Config(qualifiers = "cy")
    public void onAWelshPhoneTheScreenIsInWelshWithTheSuppliersWelshHours() {
        SignInActivity signIn =
                Robolectric.buildActivity(SignInActivity.class).setup().get();
        ((EditText) signIn.findViewById(R.id.activation_code)).setText("1234 5678 901");

        signIn.findViewById(R.id.link).performClick();

        assertThat(((TextView) signIn.findViewById(R.id.sign_in_problem))
                        .getText()
                        .toString())
                .isEqualTo("Mae gan y cod actifadu 12 rhif. Fe deipioch chi 11.");
        assertThat(((TextView) signIn.findViewById(R.id.sign_in_help)).getText().toString())
                .contains("Dydd Llun i ddydd Gwener");
        assertThat(((TextView) signIn.findViewById(R.id.language)).getText().toString())
                .isEqualTo("English");
    }

    @Test
    public void theLanguageSwitchKeepsTheChoiceAndRedrawsTheScreenInWelsh() {
        org.robolectric.android.controller.ActivityController<SignInActivity> screen =
                Robolectric.buildActivity(SignInActivity.class).setup();

        screen.get().findViewById(R.id.language).performClick();
        idle();

        assertThat(uk.lifeline.app.ui.Words.chosen()).isEqualTo("cy");
        assertThat(app.getSharedPreferences("settings", 0).getString("language", null))
                .isEqualTo("cy");
        SignInActivity again =
                Robolectric.buildActivity(SignInActivity.class).setup().get();
        assertThat(((TextView) again.findViewById(R.id.language)).getText().toString())
                .isEqualTo("English");
        assertThat(((TextView) again.findViewById(R.id.link)).getText().toString())
                .isEqualTo("Cysylltu fy nghyfrif");
    }

    @Test
    public void aSignInFinishingDuringARotationIsShownByTheNewScreenAndTheCodeIsSentOnce() {
        org.robolectric.android.controller.ActivityController<SignInActivity> screen =
                Robolectric.buildActivity(SignInActivity.class).setup();
        ((EditText) screen.get().findViewById(R.id.activation_code)).setText("1234 5678 9017");

        screen.get().findViewById(R.id.link).performClick();
        screen.recreate();
        idle();

        assertThat(backend.requests("POST", "/api/v1/activations")).hasSize(1);
        assertThat(graph.core().session().customerId()).isEqualTo(TestSupplier.CUSTOMER);
        assertThat(shadowOf(screen.get())
                        .getNextStartedActivity()
                        .getComponent()
                        .getClassName())
                .isEqualTo(WalletActivity.class.getName());
        assertThat(graph.linkAttempt()).isNull();
    }
}
