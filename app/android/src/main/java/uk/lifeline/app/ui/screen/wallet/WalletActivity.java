package uk.lifeline.app.ui.screen.wallet;

import android.Manifest;
import android.content.Intent;
import android.content.pm.PackageManager;
import android.os.Build;
import android.os.Bundle;
import android.widget.EditText;
import android.widget.TextView;
import java.time.format.DateTimeFormatter;
import uk.lifeline.app.AppGraph;
import uk.lifeline.app.LifelineApplication;
import uk.lifeline.app.R;
import uk.lifeline.app.background.CodeStream;
import uk.lifeline.app.background.SyncJobService;
import uk.lifeline.app.core.AppCore;
import uk.lifeline.app.delivery.Inbox;
import uk.lifeline.app.entry.CodeCheck;
import uk.lifeline.app.ui.Screen;
import uk.lifeline.app.ui.Words;
import uk.lifeline.app.ui.screen.signin.SignInActivity;
import uk.lifeline.words.When;

/**
 * The code wallet: notices, a warning when a message failed verification, the codes to enter in the order to
 * enter them, a check for codes from a letter, and codes already done with. Pulls on opening and listens to the
 * live stream while open.
 */
public final class WalletActivity extends Screen {

    private static final int ASK_NOTIFICATIONS = 1;

    private AppGraph graph;
    private AppCore core;
    private CodeStream stream;
    private WalletViews views;
    private boolean started;

    @Override
    protected void onCreate(Bundle state) {
        super.onCreate(state);
        graph = LifelineApplication.graph(this);
        // Loading the session (Keystore, preferences) stays off the main thread; the screen appears once it is in.
        graph.local().execute(() -> {
            AppCore found = graph.core();
            graph.onMain(() -> opened(found));
        });
    }

    private void opened(AppCore found) {
        if (isFinishing() || isDestroyed()) {
            return;
        }
        if (found == null) {
            startActivity(new Intent(this, SignInActivity.class));
            finish();
            return;
        }
        core = found;
        setContentView(R.layout.activity_wallet);
        views = new WalletViews(this);
        findViewById(R.id.link_again).setOnClickListener(v -> startActivity(new Intent(this, SignInActivity.class)));
        findViewById(R.id.check_button).setOnClickListener(v -> check());
        findViewById(R.id.credit)
                .setOnClickListener(
                        v -> startActivity(new Intent(this, uk.lifeline.app.ui.screen.credit.CreditActivity.class)));
        findViewById(R.id.language).setOnClickListener(v -> Words.switchLanguage(this));
        askForNotifications();
        if (started) {
            begin();
        }
    }

    @Override
    protected void onStart() {
        super.onStart();
        started = true;
        if (views != null) {
            begin();
        }
    }

    /** Shows the wallet and, while the backend still takes the session, pulls and listens to the stream. */
    private void begin() {
        refresh();
        graph.local().execute(() -> {
            boolean linked = !graph.signedOut();
            graph.onMain(() -> {
                if (linked && started && stream == null && !isFinishing() && !isDestroyed()) {
                    listen();
                }
            });
        });
    }

    private void listen() {
        pull();
        stream = new CodeStream(core, new CodeStream.Listener() {
            @Override
            public void delivered(Inbox.Report report) {
                graph.announce(report);
                graph.onMain(WalletActivity.this::refresh);
            }

            @Override
            public void signedOut() {
                graph.sessionEnded();
                graph.onMain(WalletActivity.this::refresh);
            }
        });
        stream.start();
    }

    @Override
    protected void onStop() {
        started = false;
        if (stream != null) {
            stream.stop();
            stream = null;
        }
        super.onStop();
    }

    /** Reads the wallet off the main thread and shows it. */
    void refresh() {
        graph.local().execute(() -> {
            WalletViews.Snapshot snapshot = WalletViews.Snapshot.read(this, graph, core);
            graph.onMain(() -> {
                if (!isFinishing() && !isDestroyed()) {
                    views.show(snapshot);
                }
            });
        });
    }

    private void pull() {
        AppCore current = core;
        graph.background().execute(() -> {
            SyncJobService.Round round = SyncJobService.syncOnce(graph, current);
            graph.onMain(() -> {
                if (isFinishing() || isDestroyed()) {
                    return;
                }
                views.syncState(
                        round == SyncJobService.Round.DONE
                                ? getString(
                                        R.string.wallet_updated,
                                        DateTimeFormatter.ofPattern("HH:mm zzz", Words.locale(this))
                                                .format(graph.clock().instant().atZone(When.HOME)))
                                : getString(R.string.wallet_offline));
                refresh();
            });
        });
    }

    private void check() {
        EditText input = findViewById(R.id.check_input);
        CodeCheck.Finding finding = CodeCheck.check(input.getText().toString());
        TextView result = findViewById(R.id.check_result);
        switch (finding.kind()) {
            case LOOKS_RIGHT:
                result.setText(R.string.check_ok);
                break;
            case WRONG_LENGTH:
                result.setText(getString(R.string.check_length, finding.digits()));
                break;
            default:
                result.setText(getString(R.string.check_wrong_block, finding.block()));
                break;
        }
    }

    private void askForNotifications() {
        if (Build.VERSION.SDK_INT >= 33
                && checkSelfPermission(Manifest.permission.POST_NOTIFICATIONS) != PackageManager.PERMISSION_GRANTED) {
            requestPermissions(new String[] {Manifest.permission.POST_NOTIFICATIONS}, ASK_NOTIFICATIONS);
        }
    }
}
