package uk.lifeline.app.ui.screen.wallet;

import android.app.Activity;
import android.content.Intent;
import android.view.LayoutInflater;
import android.view.View;
import android.widget.Button;
import android.widget.LinearLayout;
import android.widget.TextView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import uk.lifeline.app.AppGraph;
import uk.lifeline.app.R;
import uk.lifeline.app.account.Session;
import uk.lifeline.app.core.AppCore;
import uk.lifeline.app.trust.SignedNotice;
import uk.lifeline.app.ui.Outcomes;
import uk.lifeline.app.ui.Screens;
import uk.lifeline.app.ui.Words;
import uk.lifeline.app.ui.screen.entry.EntryActivity;
import uk.lifeline.app.ui.screen.result.ResultActivity;
import uk.lifeline.app.wallet.CodeStatus;
import uk.lifeline.app.wallet.WalletCode;
import uk.lifeline.words.CommandWords;
import uk.lifeline.words.When;

/** Shows a snapshot of the wallet: banners, one card per code. Main thread only. */
final class WalletViews {

    /** What the wallet screen shows, read off the main thread. Immutable. */
    record Snapshot(
            Session session,
            boolean signedOut,
            List<WalletCode> toEnter,
            List<WalletCode> history,
            List<String> notices,
            boolean refused,
            Instant now) {

        static Snapshot read(android.content.Context context, AppGraph graph, AppCore core) {
            Instant now = graph.clock().instant();
            List<String> headlines = new ArrayList<>();
            for (SignedNotice notice : core.notices().active()) {
                headlines.add(Words.noticeHeadline(context, notice, now)
                        + (notice.message() == null ? "" : "\n" + notice.message()));
            }
            return new Snapshot(
                    core.session(),
                    graph.signedOut(),
                    core.wallet().toEnter(),
                    core.wallet().history(),
                    headlines,
                    !core.wallet().refusedMessages().isEmpty(),
                    now);
        }
    }

    private final Activity activity;
    private final LinearLayout notices;
    private final View warning;
    private final LinearLayout codes;
    private final LinearLayout history;

    WalletViews(Activity activity) {
        this.activity = activity;
        this.notices = activity.findViewById(R.id.notices);
        this.warning = activity.findViewById(R.id.warning);
        this.codes = activity.findViewById(R.id.codes);
        this.history = activity.findViewById(R.id.history);
    }

    void syncState(String text) {
        ((TextView) activity.findViewById(R.id.sync_state)).setText(text);
    }

    /** The next code to enter, first on the screen whatever notices or warnings follow it. */
    private void showNext(WalletCode next, When when) {
        Button button = activity.findViewById(R.id.next_code);
        if (next == null) {
            button.setVisibility(View.GONE);
            return;
        }
        button.setText(activity.getString(
                R.string.wallet_next_code,
                Screens.sentence(CommandWords.describe(next.code().command(), when))));
        // Typed but not yet answered: the result screen, as the code's own card does.
        Class<?> screen = next.status() == CodeStatus.ENTERED ? ResultActivity.class : EntryActivity.class;
        button.setOnClickListener(
                v -> activity.startActivity(new Intent(activity, screen).putExtra(Screens.CODE_ID, next.id())));
        button.setVisibility(View.VISIBLE);
    }

    void show(Snapshot s) {
        activity.findViewById(R.id.link_again).setVisibility(s.signedOut() ? View.VISIBLE : View.GONE);
        if (s.signedOut()) {
            syncState(activity.getString(R.string.wallet_signed_out));
        }
        showNotices(s.notices());
        showWarning(s.refused(), s.session());
        When when = Words.when(activity, s.now());
        codes.removeAllViews();
        for (int i = 0; i < s.toEnter().size(); i++) {
            codes.addView(card(s.toEnter().get(i), i + 1, s.toEnter().size(), s.session(), when));
        }
        showNext(s.toEnter().isEmpty() ? null : s.toEnter().get(0), when);
        activity.findViewById(R.id.empty).setVisibility(s.toEnter().isEmpty() ? View.VISIBLE : View.GONE);
        activity.findViewById(R.id.order_hint).setVisibility(s.toEnter().size() > 1 ? View.VISIBLE : View.GONE);
        history.removeAllViews();
        for (WalletCode done : s.history()) {
            history.addView(card(done, 0, 0, s.session(), when));
        }
        activity.findViewById(R.id.history_title).setVisibility(s.history().isEmpty() ? View.GONE : View.VISIBLE);
    }

    private void showNotices(List<String> headlines) {
        notices.removeAllViews();
        for (String headline : headlines) {
            TextView banner = new TextView(activity, null, 0, R.style.Banner);
            banner.setLayoutParams(new LinearLayout.LayoutParams(
                    LinearLayout.LayoutParams.MATCH_PARENT, LinearLayout.LayoutParams.WRAP_CONTENT));
            banner.setBackgroundResource(R.color.notice);
            banner.setTextColor(activity.getColor(R.color.text));
            banner.setTextSize(
                    android.util.TypedValue.COMPLEX_UNIT_PX,
                    activity.getResources().getDimension(R.dimen.text_code_what));
            banner.setText(headline);
            notices.addView(banner);
        }
    }

    private void showWarning(boolean refused, Session session) {
        warning.setVisibility(refused ? View.VISIBLE : View.GONE);
        if (!refused) {
            return;
        }
        ((TextView) activity.findViewById(R.id.warning_text))
                .setText(activity.getString(R.string.warning_refused, session.supplierName(), session.supplierPhone()));
        Button call = activity.findViewById(R.id.warning_call);
        call.setText(activity.getString(R.string.call_supplier, session.supplierName()));
        call.setOnClickListener(v -> Screens.dial(activity, session.supplierPhone()));
        activity.findViewById(R.id.warning_dismiss).setOnClickListener(v -> {
            warning.setVisibility(View.GONE);
            AppGraph graph = uk.lifeline.app.LifelineApplication.graph(activity);
            graph.local().execute(() -> graph.database().dismissRefused());
        });
    }

    /** One code; {@code position} 0 for a code already done with (no button). */
    private View card(WalletCode code, int position, int of, Session session, When when) {
        View card = LayoutInflater.from(activity).inflate(R.layout.item_code, codes, false);
        String what = Screens.sentence(CommandWords.describe(code.code().command(), when));
        TextView positionView = card.findViewById(R.id.position);
        positionView.setText(activity.getString(R.string.code_position, position, of));
        positionView.setVisibility(position > 0 ? View.VISIBLE : View.GONE);
        ((TextView) card.findViewById(R.id.what)).setText(what);
        ((TextView) card.findViewById(R.id.verified))
                .setText(activity.getString(R.string.code_verified, session.supplierName()));
        int blocks = code.code().blocks().size();
        String meter = code.code().meterId();
        ((TextView) card.findViewById(R.id.details))
                .setText(activity.getString(
                        R.string.code_details,
                        blocks * 20,
                        activity.getResources().getQuantityString(R.plurals.code_blocks, blocks, blocks),
                        meter.substring(meter.length() - 4),
                        when.moment(code.code().expiresAt())));
        ((TextView) card.findViewById(R.id.status)).setText(status(code, session));
        Button enter = card.findViewById(R.id.enter);
        if (position == 0) {
            enter.setVisibility(View.GONE);
        } else {
            boolean typed = code.status() == CodeStatus.ENTERED;
            enter.setText(typed ? R.string.code_tell_result : R.string.code_enter);
            enter.setContentDescription(activity.getString(R.string.code_enter_description, position, what));
            Class<?> next = typed ? ResultActivity.class : EntryActivity.class;
            enter.setOnClickListener(
                    v -> activity.startActivity(new Intent(activity, next).putExtra(Screens.CODE_ID, code.id())));
        }
        return card;
    }

    private String status(WalletCode code, Session session) {
        switch (code.status()) {
            case NEW:
                return activity.getString(R.string.status_new);
            case ENTERING:
                return activity.getString(R.string.status_entering);
            case ENTERED:
                return activity.getString(R.string.status_entered);
            case ACCEPTED:
                return activity.getString(R.string.status_accepted);
            case EXPIRED:
                return activity.getString(R.string.status_expired);
            case CANCELLED:
                return activity.getString(R.string.status_cancelled, session.supplierName());
            default:
                String shown =
                        activity.getString(Outcomes.label(code.outcome())).toLowerCase(Words.locale(activity));
                return code.outcome().mayRetry()
                        ? activity.getString(
                                R.string.status_retry, shown, activity.getString(Words.advice(code.outcome())))
                        : activity.getString(R.string.status_rejected, shown);
        }
    }
}
