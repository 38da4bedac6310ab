package uk.lifeline.app.ui.screen.signin;

import android.content.Intent;
import android.os.Build;
import android.os.Bundle;
import android.view.View;
import android.widget.Button;
import android.widget.EditText;
import android.widget.TextView;
import java.io.IOException;
import java.security.GeneralSecurityException;
import uk.lifeline.app.AppGraph;
import uk.lifeline.app.LifelineApplication;
import uk.lifeline.app.R;
import uk.lifeline.app.background.SyncScheduler;
import uk.lifeline.app.core.AppCore;
import uk.lifeline.app.delivery.HttpStatusException;
import uk.lifeline.app.supplier.SupplierConfig;
import uk.lifeline.app.ui.Screen;
import uk.lifeline.app.ui.Screens;
import uk.lifeline.app.ui.Words;
import uk.lifeline.app.ui.screen.wallet.WalletActivity;

/**
 * Links the app to the customer's account with the activation code from an agent or a letter. A mistyped code
 * is caught here (its check digit) before it costs an attempt at the server.
 */
public final class SignInActivity extends Screen {

    private AppGraph graph;
    private EditText code;
    private TextView problem;
    private View link;
    private View progress;

    @Override
    protected void onCreate(Bundle state) {
        super.onCreate(state);
        setContentView(R.layout.activity_sign_in);
        graph = LifelineApplication.graph(this);
        code = findViewById(R.id.activation_code);
        problem = findViewById(R.id.sign_in_problem);
        link = findViewById(R.id.link);
        progress = findViewById(R.id.progress);
        link.setOnClickListener(v -> link());
        findViewById(R.id.language).setOnClickListener(v -> Words.switchLanguage(this));
        // Help before the account is linked: the supplier this build serves, its number and opening hours.
        SupplierConfig supplier = graph.supplier();
        ((TextView) findViewById(R.id.sign_in_help))
                .setText(getString(
                        R.string.sign_in_help,
                        supplier.name(),
                        supplier.phone(),
                        supplier.hours(Words.language(this).tag())));
        Button call = findViewById(R.id.sign_in_call);
        call.setText(getString(R.string.call_supplier, supplier.name()));
        call.setOnClickListener(v -> Screens.dial(this, supplier.phone()));
    }

    private void link() {
        String typed = code.getText().toString();
        String wrong = Words.activationProblem(this, typed);
        if (wrong != null) {
            showProblem(wrong);
            return;
        }
        if (graph.linkAttempt() != null && !graph.linkAttempt().done()) {
            return;
        }
        working(true);
        AppGraph app = graph;
        app.startLink(() -> {
            try {
                app.signIn(AppCore.activate(app.suppliers(), typed, Build.MODEL, app.clock()));
                return 0;
            } catch (AppCore.NotThisAppsSupplierException e) {
                return R.string.sign_in_other_supplier;
            } catch (HttpStatusException e) {
                return e.isRetryable() ? R.string.sign_in_offline : R.string.sign_in_refused;
            } catch (IOException | IllegalArgumentException e) {
                return R.string.sign_in_offline;
            } catch (GeneralSecurityException e) {
                // The phone could not seal the session (its Keystore): never show the exception's own words.
                return R.string.sign_in_phone_problem;
            }
        });
    }

    @Override
    protected void onResume() {
        super.onResume();
        graph.watchLink(this::showAttempt);
        showAttempt();
    }

    @Override
    protected void onPause() {
        graph.watchLink(null);
        super.onPause();
    }

    /** Shows the attempt under way or finished (also one started before a rotation). */
    private void showAttempt() {
        AppGraph.LinkAttempt attempt = graph.linkAttempt();
        if (attempt == null || isFinishing() || isDestroyed()) {
            return;
        }
        if (!attempt.done()) {
            working(true);
            return;
        }
        graph.linkSeen();
        working(false);
        if (attempt.failure() != 0) {
            showProblem(getString(attempt.failure()));
            return;
        }
        SyncScheduler.schedulePeriodic(this, false);
        startActivity(new Intent(this, WalletActivity.class).addFlags(Intent.FLAG_ACTIVITY_CLEAR_TOP));
        finish();
    }

    private void working(boolean busy) {
        link.setEnabled(!busy);
        progress.setVisibility(busy ? View.VISIBLE : View.GONE);
        if (busy) {
            problem.setVisibility(View.GONE);
        }
    }

    private void showProblem(String text) {
        problem.setText(text);
        problem.setVisibility(View.VISIBLE);
    }
}
