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
        WalletActivity wallet = Robolectric.buildActivity(WalletActivity.class).setup().get();

        assertThat(shadowOf(wallet).getNextStartedActivity().getComponent().getClassName())
                .isEqualTo(SignInActivity.class.getName());
    }

    @Test
    public void anActivationCodeLinksTheAppAndTheSessionIsKeptEncrypted() {
        SignInActivity signIn = Robolectric.buildActivity(SignInActivity.class).setup().get();
        ((EditText) signIn.findViewById(R.id.activation_code)).setText("1234 5678 9017");

        signIn.findViewById(R.id.link).performClick();
        idle();

        assertThat(graph.core().session().customerId()).isEqualTo(TestSupplier.CUSTOMER);
        assertThat(graph.core().session().supplierName()).isEqualTo("Demo Energy");
        String kept = app.getSharedPreferences("session", 0).getString("sealed", "");
        assertThat(kept).isNotEmpty().doesNotContain(FakeBackend.TOKEN);
        assertThat(app.getSystemService(JobScheduler.class).getPendingJob(SyncScheduler.PERIODIC)).isNotNull();
        assertThat(shadowOf(signIn).getNextStartedActivity().getComponent().getClassName())
                .isEqualTo(WalletActivity.class.getName());
    }

    @Test
    public void aMistypedCodeIsCaughtBeforeAskingTheServer() {
        SignInActivity signIn = Robolectric.buildActivity(SignInActivity.class).setup().get();
        ((EditText) signIn.findViewById(R.id.activation_code)).setText("1234 5678 9071");

        signIn.findViewById(R.id.link).performClick();
        idle();

        TextView problem = signIn.findViewById(R.id.sign_in_problem);
        assertThat(problem.getVisibility()).isEqualTo(View.VISIBLE);
        assertThat(problem.getText().toString()).isEqualTo("One of the numbers is wrong. Check the code and type it again.");
        assertThat(backend.requests()).isEmpty();
        assertThat(graph.core()).isNull();
    }
}
