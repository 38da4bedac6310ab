package uk.lifeline.app.ui.screen.help;

import android.app.AlertDialog;
import android.content.Context;
import android.content.SharedPreferences;
import android.os.Bundle;
import android.view.View;
import android.widget.Button;
import android.widget.RadioButton;
import android.widget.RadioGroup;
import android.widget.TextView;
import java.io.IOException;
import uk.lifeline.app.AppGraph;
import uk.lifeline.app.LifelineApplication;
import uk.lifeline.app.R;
import uk.lifeline.app.core.AppCore;
import uk.lifeline.app.supplier.KeypadGuide;
import uk.lifeline.app.supplier.SupplierConfig;
import uk.lifeline.app.ui.Screen;
import uk.lifeline.app.ui.Screens;
import uk.lifeline.app.ui.Words;

/**
 * Help, from every screen: the supplier's number and opening hours (from the bundled configuration), what to do
 * with no supply (emergency credit first, then the call), how to reach code entry on an in-home display or meter
 * (generic words, or the supplier's own for the model the customer picks from its configuration: the app never
 * invents a model's details; the pick is kept for next time) and what it shows, and unlinking this phone (the
 * backend revokes its session) after a confirmation.
 */
public final class HelpActivity extends Screen {

    private static final String UNLINK_STATE = "unlink-state";
    /** The preference, per supplier, naming the keypad model the customer picked. */
    private static final String KEYPAD_MODEL = "keypad-model-";

    private AppGraph graph;
    private AppCore core;
    /** 0, or the string shown after an unlink attempt (kept across rotation). */
    private int unlinkState;
    /** Unlinked earlier, with the account's codes still kept on the phone. */
    private boolean unlinkedBefore;

    @Override
    protected boolean offersHelp() {
        return false;
    }

    @Override
    protected void onCreate(Bundle state) {
        super.onCreate(state);
        setContentView(R.layout.activity_help);
        graph = LifelineApplication.graph(this);
        unlinkState = state == null ? 0 : state.getInt(UNLINK_STATE);
        findViewById(R.id.help_unlink).setVisibility(View.GONE);
        // The session decides whose numbers (and whether there is a phone to unlink): read off the main thread.
        graph.local().execute(() -> {
            AppCore loaded = graph.core();
            SupplierConfig supplier = graph.supplier();
            boolean signedOut = graph.signedOut();
            boolean linked = loaded != null && !signedOut;
            boolean unlinked = loaded != null && signedOut;
            String model = preferences().getString(KEYPAD_MODEL + supplier.code(), null);
            graph.onMain(() -> {
                opened(loaded, supplier, linked, unlinked);
                showKeypads(supplier, model);
            });
        });
    }

    @Override
    protected void onSaveInstanceState(Bundle state) {
        super.onSaveInstanceState(state);
        state.putInt(UNLINK_STATE, unlinkState);
    }

    private void opened(AppCore loaded, SupplierConfig supplier, boolean linked, boolean unlinked) {
        if (isFinishing() || isDestroyed()) {
            return;
        }
        core = loaded;
        unlinkedBefore = unlinked;
        ((TextView) findViewById(R.id.help_hours))
                .setText(getString(
                        R.string.help_hours,
                        supplier.name(),
                        supplier.phone(),
                        supplier.hours(Words.language(this).tag())));
        Button call = findViewById(R.id.help_call);
        call.setText(getString(uk.lifeline.app.R.string.call_supplier, supplier.name()));
        call.setOnClickListener(v -> Screens.dial(this, supplier.phone()));
        ((TextView) findViewById(R.id.help_off_supply))
                .setText(getString(R.string.help_off_supply, supplier.name(), supplier.offSupplyPhone()));
        Button offSupply = findViewById(R.id.help_call_off_supply);
        offSupply.setText(getString(R.string.help_call_off_supply, supplier.name()));
        offSupply.setOnClickListener(v -> Screens.dial(this, supplier.offSupplyPhone()));
        Button unlink = findViewById(R.id.help_unlink);
        unlink.setVisibility(linked && unlinkState != R.string.help_unlinked ? View.VISIBLE : View.GONE);
        unlink.setOnClickListener(v -> confirmUnlink());
        findViewById(R.id.help_forget).setOnClickListener(v -> confirmForget());
        showUnlinkState();
    }

    private SharedPreferences preferences() {
        return getSharedPreferences(Words.PREFERENCES, Context.MODE_PRIVATE);
    }

    /** The supplier's models to choose from (none: the generic words alone), the customer's earlier pick checked. */
    private void showKeypads(SupplierConfig supplier, String picked) {
        if (isFinishing() || isDestroyed() || supplier.keypads().isEmpty()) {
            return;
        }
        RadioGroup models = findViewById(R.id.help_keypad_models);
        models.removeAllViews();
        RadioButton other = choice(getString(R.string.help_keypad_other));
        models.addView(other, row());
        RadioButton checked = other;
        for (KeypadGuide guide : supplier.keypads()) {
            RadioButton choice = choice(guide.model());
            choice.setTag(guide.model());
            models.addView(choice, row());
            if (guide.model().equals(picked)) {
                checked = choice;
            }
        }
        models.check(checked.getId());
        showKeypad(supplier.keypad((String) checked.getTag()));
        models.setOnCheckedChangeListener((group, id) -> {
            String model = (String) group.findViewById(id).getTag();
            showKeypad(supplier.keypad(model));
            graph.local().execute(() -> preferences()
                    .edit()
                    .putString(KEYPAD_MODEL + supplier.code(), model)
                    .commit());
        });
        findViewById(R.id.help_keypad_which).setVisibility(View.VISIBLE);
        models.setVisibility(View.VISIBLE);
    }

    private static RadioGroup.LayoutParams row() {
        return new RadioGroup.LayoutParams(RadioGroup.LayoutParams.MATCH_PARENT, RadioGroup.LayoutParams.WRAP_CONTENT);
    }

    private RadioButton choice(String words) {
        RadioButton choice = new RadioButton(this, null, 0, R.style.Choice);
        choice.setId(View.generateViewId());
        choice.setText(words);
        return choice;
    }

    /** The supplier's words for the model, else the generic ones. */
    private void showKeypad(KeypadGuide guide) {
        TextView steps = findViewById(R.id.help_keypad);
        if (guide == null) {
            steps.setText(R.string.help_keypad);
        } else {
            steps.setText(guide.steps(Words.language(this).tag()));
        }
    }

    private void confirmUnlink() {
        new AlertDialog.Builder(this)
                .setMessage(R.string.help_unlink_confirm)
                .setPositiveButton(R.string.help_unlink_yes, (dialog, which) -> unlink())
                .setNegativeButton(R.string.help_unlink_no, null)
                .show();
    }

    /**
     * Revokes this phone's session at the backend, then stops talking to it; the codes on the phone stay (they
     * still work at the meter) until the customer removes them.
     */
    private void unlink() {
        AppCore current = core;
        graph.background().execute(() -> {
            int outcome;
            try {
                current.client().unlink();
                graph.sessionEnded();
                outcome = R.string.help_unlinked;
            } catch (IOException e) {
                outcome = R.string.help_unlink_failed;
            }
            int shown = outcome;
            graph.onMain(() -> {
                unlinkState = shown;
                if (!isDestroyed()) {
                    findViewById(R.id.help_unlink)
                            .setVisibility(shown == R.string.help_unlinked ? View.GONE : View.VISIBLE);
                    showUnlinkState();
                }
            });
        });
    }

    private void confirmForget() {
        new AlertDialog.Builder(this)
                .setMessage(R.string.help_forget_confirm)
                .setPositiveButton(R.string.help_forget_yes, (dialog, which) -> forget())
                .setNegativeButton(R.string.help_forget_no, null)
                .show();
    }

    /** Removes the session and everything the app kept, on the phone's storage thread. */
    private void forget() {
        graph.local().execute(() -> {
            graph.forgetThisPhone();
            graph.onMain(() -> {
                unlinkState = R.string.help_forgotten;
                if (!isDestroyed()) {
                    showUnlinkState();
                }
            });
        });
    }

    private void showUnlinkState() {
        TextView state = findViewById(R.id.help_unlink_state);
        state.setVisibility(unlinkState == 0 ? View.GONE : View.VISIBLE);
        if (unlinkState != 0) {
            state.setText(unlinkState);
        }
        // Once unlinked, the customer may also clear the phone (before giving it away); once cleared, nothing is left.
        boolean canForget =
                unlinkState != R.string.help_forgotten && (unlinkState == R.string.help_unlinked || unlinkedBefore);
        findViewById(R.id.help_forget).setVisibility(canForget ? View.VISIBLE : View.GONE);
    }
}
