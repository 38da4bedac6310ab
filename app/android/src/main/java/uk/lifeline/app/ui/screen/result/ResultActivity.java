package uk.lifeline.app.ui.screen.result;

import android.content.Intent;
import android.os.Bundle;
import android.view.View;
import android.widget.Button;
import android.widget.LinearLayout;
import android.widget.TextView;
import uk.lifeline.app.AppGraph;
import uk.lifeline.app.LifelineApplication;
import uk.lifeline.app.R;
import uk.lifeline.app.background.SyncScheduler;
import uk.lifeline.app.core.AppCore;
import uk.lifeline.app.delivery.HttpStatusException;
import uk.lifeline.app.delivery.ResultSender;
import uk.lifeline.app.entry.EntryOutcome;
import uk.lifeline.app.ui.Outcomes;
import uk.lifeline.app.ui.Screen;
import uk.lifeline.app.ui.Screens;
import uk.lifeline.app.ui.Words;
import uk.lifeline.app.ui.screen.entry.EntryActivity;
import uk.lifeline.app.ui.screen.wallet.WalletActivity;
import uk.lifeline.app.wallet.WalletCode;
import uk.lifeline.words.CommandWords;

/**
 * After typing: the customer picks what the meter or keypad showed. The result is kept on the phone at once and
 * sent to the supplier now or when next online; the screen then says what to do next.
 */
public final class ResultActivity extends Screen {

    /** The answer already recorded on this screen, kept across rotation and process death. */
    private static final String RECORDED = "recorded";
    /** The customer is choosing the block to type again from. */
    private static final String CHOOSING_BLOCK = "choosing-block";

    private AppGraph graph;
    private AppCore core;
    private String codeId;
    private EntryOutcome recorded;
    /** The code's number of blocks, once read. */
    private int blocks;

    private boolean choosingBlock;

    @Override
    protected void onCreate(Bundle state) {
        super.onCreate(state);
        setContentView(R.layout.activity_result);
        graph = LifelineApplication.graph(this);
        codeId = getIntent().getStringExtra(Screens.CODE_ID);
        if (codeId == null) {
            finish();
            return;
        }
        choice(R.id.accepted, EntryOutcome.ACCEPTED);
        choice(R.id.rejected, EntryOutcome.REJECTED);
        choice(R.id.duplicate, EntryOutcome.DUPLICATE);
        choice(R.id.credit_too_high, EntryOutcome.CREDIT_TOO_HIGH);
        choice(R.id.locked, EntryOutcome.LOCKED);
        findViewById(R.id.done).setOnClickListener(v -> {
            startActivity(new Intent(this, WalletActivity.class).addFlags(Intent.FLAG_ACTIVITY_CLEAR_TOP));
            finish();
        });
        findViewById(R.id.try_again).setOnClickListener(v -> typeAgain());
        choosingBlock = state != null && state.getBoolean(CHOOSING_BLOCK);
        if (state != null && state.getString(RECORDED) != null) {
            // Rotated or restored after the answer: show it again, never record it a second time.
            recorded = EntryOutcome.fromCode(state.getString(RECORDED));
            showAnswer(recorded);
        }
        // The session (after process death, loaded here for the first time) and the code, off the main thread.
        graph.local().execute(() -> {
            AppCore loaded = graph.core();
            WalletCode code =
                    loaded == null ? null : loaded.wallet().find(codeId).orElse(null);
            graph.onMain(() -> opened(loaded, code));
        });
    }

    private void opened(AppCore loaded, WalletCode code) {
        if (isFinishing() || isDestroyed()) {
            return;
        }
        if (loaded == null || code == null) {
            finish();
            return;
        }
        core = loaded;
        String supplier = core.session().supplierName();
        Button call = findViewById(R.id.call);
        call.setText(getString(R.string.call_supplier, supplier));
        call.setOnClickListener(v -> Screens.dial(this, core.session().supplierPhone()));
        if (recorded != null) {
            ((TextView) findViewById(R.id.delivery)).setText(getString(R.string.result_saved, supplier));
        }
        blocks = code.code().blocks().size();
        ((TextView) findViewById(R.id.what))
                .setText(Screens.sentence(CommandWords.describe(
                        code.code().command(), Words.when(this, graph.clock().instant()))));
        if (choosingBlock) {
            showBlockChoice();
        }
    }

    /**
     * 'Type it again': a code of one block starts again; for a longer one the customer chooses the block to start
     * from, since the meter keeps the blocks it already took.
     */
    private void typeAgain() {
        if (core == null) {
            return;
        }
        if (blocks <= 1) {
            typeFrom(1);
            return;
        }
        choosingBlock = true;
        showBlockChoice();
    }

    private void showBlockChoice() {
        LinearLayout buttons = findViewById(R.id.retry_block_buttons);
        buttons.removeAllViews();
        for (int block = 1; block <= blocks; block++) {
            Button from = (Button) getLayoutInflater().inflate(R.layout.item_block_choice, buttons, false);
            from.setText(getString(R.string.result_from_block, block));
            int chosen = block;
            from.setOnClickListener(v -> typeFrom(chosen));
            buttons.addView(from);
        }
        findViewById(R.id.try_again).setVisibility(View.GONE);
        findViewById(R.id.retry_blocks).setVisibility(View.VISIBLE);
    }

    private void typeFrom(int block) {
        startActivity(new Intent(this, EntryActivity.class)
                .putExtra(Screens.CODE_ID, codeId)
                .putExtra(EntryActivity.FROM_BLOCK, block));
        finish();
    }

    private void choice(int button, EntryOutcome outcome) {
        findViewById(button).setOnClickListener(v -> record(outcome));
    }

    @Override
    protected void onSaveInstanceState(Bundle state) {
        super.onSaveInstanceState(state);
        if (recorded != null) {
            state.putString(RECORDED, recorded.code());
        }
        state.putBoolean(CHOOSING_BLOCK, choosingBlock);
    }

    private void showAnswer(EntryOutcome outcome) {
        findViewById(R.id.choices).setVisibility(View.GONE);
        findViewById(R.id.answer).setVisibility(View.VISIBLE);
        ((TextView) findViewById(R.id.answer_title)).setText(Outcomes.label(outcome));
        ((TextView) findViewById(R.id.advice)).setText(Words.advice(outcome));
        findViewById(R.id.try_again).setVisibility(outcome.mayRetry() && !choosingBlock ? View.VISIBLE : View.GONE);
    }

    /** One answer per visit to this screen: a second tap (or a tap racing the first) records nothing. */
    private void record(EntryOutcome outcome) {
        if (recorded != null || core == null) {
            return;
        }
        recorded = outcome;
        showAnswer(outcome);
        TextView delivery = findViewById(R.id.delivery);
        String supplier = core.session().supplierName();
        delivery.setText(getString(R.string.result_saved, supplier));
        graph.local().execute(() -> {
            core.wallet().recordOutcome(codeId, outcome);
            graph.background().execute(() -> {
                boolean sent = send();
                graph.onMain(() -> {
                    if (sent && !isDestroyed()) {
                        delivery.setText(getString(R.string.result_sent, supplier));
                    } else if (!sent) {
                        SyncScheduler.syncWhenOnline(this);
                    }
                });
            });
        });
    }

    /** True when nothing is left to send. */
    private boolean send() {
        if (graph.signedOut()) {
            return false;
        }
        try {
            ResultSender.Round round = core.results().send();
            return round.left() == 0;
        } catch (HttpStatusException e) {
            graph.sessionEnded();
            return false;
        }
    }
}
