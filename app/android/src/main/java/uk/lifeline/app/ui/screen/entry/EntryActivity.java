package uk.lifeline.app.ui.screen.entry;

import android.content.Intent;
import android.graphics.Typeface;
import android.os.Bundle;
import android.text.SpannableStringBuilder;
import android.text.Spanned;
import android.text.style.BackgroundColorSpan;
import android.text.style.StyleSpan;
import android.text.style.UnderlineSpan;
import android.view.View;
import android.widget.Button;
import android.widget.TextView;
import uk.lifeline.app.AppGraph;
import uk.lifeline.app.LifelineApplication;
import uk.lifeline.app.R;
import uk.lifeline.app.core.AppCore;
import uk.lifeline.app.entry.KeypadEntry;
import uk.lifeline.app.ui.Screen;
import uk.lifeline.app.ui.Screens;
import uk.lifeline.app.ui.Words;
import uk.lifeline.app.ui.screen.result.ResultActivity;
import uk.lifeline.app.wallet.CodeStatus;
import uk.lifeline.app.wallet.WalletCode;
import uk.lifeline.words.CommandWords;

/**
 * Typing one code on the keypad: one group of four digits at a time in very large type, 'block 2 of 3', a big
 * 'next group' button so the customer keeps their place, and the group read aloud on request. TalkBack reads the
 * digits one by one.
 */
public final class EntryActivity extends Screen {

    /** The block to start at (1-based; 'Type it again' from the result screen), else the first. */
    public static final String FROM_BLOCK = "uk.lifeline.app.FROM_BLOCK";

    private static final String STEP = "step";
    private static final String READING = "reading";

    private AppGraph graph;
    private WalletCode code;
    private KeypadEntry entry;
    private int step;
    private boolean reading;
    private ReadAloud readAloud;

    @Override
    protected void onCreate(Bundle state) {
        super.onCreate(state);
        setContentView(R.layout.activity_entry);
        graph = LifelineApplication.graph(this);
        readAloud = new ReadAloud(
                this,
                Words.language(this) == uk.lifeline.words.Language.WELSH
                        ? new java.util.Locale("cy", "GB")
                        : java.util.Locale.UK,
                this::speechUnavailable);
        findViewById(R.id.speech_settings).setOnClickListener(v -> {
            try {
                startActivity(new Intent("com.android.settings.TTS_SETTINGS"));
            } catch (android.content.ActivityNotFoundException e) {
                startActivity(new Intent(android.provider.Settings.ACTION_SETTINGS));
            }
        });
        step = state == null ? -1 : state.getInt(STEP);
        reading = state != null && state.getBoolean(READING);
        onceLoaded(R.id.next, this::next);
        onceLoaded(R.id.back, () -> move(entry.previous(), step - 1));
        onceLoaded(R.id.read_aloud, this::toggleReading);
        onceLoaded(R.id.say_again, () -> readAloud.say(Words.spoken(this, entry)));
        load(getIntent().getStringExtra(Screens.CODE_ID));
    }

    @Override
    protected void onSaveInstanceState(Bundle state) {
        super.onSaveInstanceState(state);
        state.putInt(STEP, step);
        state.putBoolean(READING, reading);
    }

    @Override
    protected void onDestroy() {
        readAloud.shutdown();
        super.onDestroy();
    }

    /** A button that does nothing until the code has been read from the phone's database. */
    private void onceLoaded(int button, Runnable action) {
        findViewById(button).setOnClickListener(v -> {
            if (entry != null) {
                action.run();
            }
        });
    }

    private void load(String id) {
        graph.local().execute(() -> {
            // The session is loaded here, off the main thread, when this is the first screen after process death.
            AppCore core = graph.core();
            WalletCode found = core == null ? null : core.wallet().find(id).orElse(null);
            if (found != null && found.status() != CodeStatus.ENTERED) {
                core.wallet().startEntering(id);
            }
            graph.onMain(() -> {
                if (found == null) {
                    finish();
                    return;
                }
                code = found;
                KeypadEntry at = KeypadEntry.start(found.code().blocks());
                if (step < 0) {
                    // First opening: from the chosen block's first group (the meter keeps the blocks it took).
                    int from = getIntent().getIntExtra(FROM_BLOCK, 1);
                    step = 0;
                    while (at.block() < from && !at.isLast()) {
                        at = at.next();
                        step++;
                    }
                } else {
                    // Rotated or restored after process death: back where the customer was.
                    for (int i = 0; i < step; i++) {
                        at = at.next();
                    }
                }
                ((TextView) findViewById(R.id.what))
                        .setText(Screens.sentence(CommandWords.describe(
                                found.code().command(),
                                Words.when(this, graph.clock().instant()))));
                show(at);
            });
        });
    }

    private void next() {
        if (entry.isLast()) {
            graph.local().execute(() -> graph.core().wallet().finishedTyping(code.id()));
            startActivity(new Intent(this, ResultActivity.class).putExtra(Screens.CODE_ID, code.id()));
            finish();
            return;
        }
        move(entry.next(), step + 1);
    }

    private void move(KeypadEntry to, int newStep) {
        if (to == entry) {
            return;
        }
        step = newStep;
        show(to);
    }

    private void show(KeypadEntry at) {
        entry = at;
        ((TextView) findViewById(R.id.block_label)).setText(Screens.sentence(Words.blockLabel(this, at)));
        ((TextView) findViewById(R.id.group_label)).setText(Screens.sentence(Words.groupLabel(this, at)));
        TextView digits = findViewById(R.id.digits);
        digits.setText(at.digits());
        digits.setContentDescription(getString(R.string.entry_digits_description, KeypadEntry.oneByOne(at.digits())));
        ((TextView) findViewById(R.id.all_groups)).setText(allGroups(at));
        findViewById(R.id.press_enter).setVisibility(at.endsBlock() ? View.VISIBLE : View.GONE);
        ((Button) findViewById(R.id.next)).setText(at.isLast() ? R.string.entry_done : R.string.entry_next);
        findViewById(R.id.back).setEnabled(!at.isFirst());
        if (reading) {
            readAloud.say(Words.spoken(this, at));
        }
        showReading();
    }

    /** The block's groups in a row, the one to type now marked in three ways (bold, underline, shade). */
    private CharSequence allGroups(KeypadEntry at) {
        SpannableStringBuilder text = new SpannableStringBuilder();
        int group = 1;
        for (String g : at.groupsOfBlock()) {
            if (text.length() > 0) {
                text.append("  ");
            }
            int start = text.length();
            text.append(g);
            if (group++ == at.group()) {
                int end = text.length();
                text.setSpan(new StyleSpan(Typeface.BOLD), start, end, Spanned.SPAN_EXCLUSIVE_EXCLUSIVE);
                text.setSpan(new UnderlineSpan(), start, end, Spanned.SPAN_EXCLUSIVE_EXCLUSIVE);
                text.setSpan(
                        new BackgroundColorSpan(getColor(R.color.notice)),
                        start,
                        end,
                        Spanned.SPAN_EXCLUSIVE_EXCLUSIVE);
            }
        }
        return text;
    }

    private void toggleReading() {
        reading = !reading;
        if (reading) {
            readAloud.say(Words.spoken(this, entry));
        } else {
            readAloud.stop();
        }
        showReading();
    }

    /** No voice for the screen's language, or speech failed: say so on the screen and offer the settings. */
    private void speechUnavailable() {
        findViewById(R.id.speech_problem).setVisibility(View.VISIBLE);
    }

    private void showReading() {
        ((Button) findViewById(R.id.read_aloud))
                .setText(reading ? R.string.entry_read_aloud_on : R.string.entry_read_aloud);
        findViewById(R.id.say_again).setVisibility(reading ? View.VISIBLE : View.GONE);
    }
}
