package uk.lifeline.app.ui.screen.credit;

import android.content.Context;
import android.content.Intent;
import android.os.Bundle;
import android.view.View;
import android.widget.EditText;
import android.widget.LinearLayout;
import android.widget.RadioButton;
import android.widget.RadioGroup;
import android.widget.TextView;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import uk.lifeline.app.AppGraph;
import uk.lifeline.app.LifelineApplication;
import uk.lifeline.app.R;
import uk.lifeline.app.core.AppCore;
import uk.lifeline.app.credit.BalanceEntry;
import uk.lifeline.app.credit.MeterCredit;
import uk.lifeline.app.ui.Screen;
import uk.lifeline.app.ui.Words;
import uk.lifeline.app.ui.screen.signin.SignInActivity;
import uk.lifeline.forecast.DaysLeft;

/**
 * How long the customer's credit lasts (issue 17): each meter's run-out window as "about 2 to 3 days" and what it
 * rests on; "What does your meter show?" to send the display's balance (the estimate then rests on it); and "I
 * have no supply", with the emergency-credit steps and a call back from the supplier. A low meter also raises
 * the low-credit notification. A home with two meters (gas and electricity) chooses which display it read, so a
 * gas balance never lands on the electricity meter's estimate.
 */
public final class CreditActivity extends Screen {

    private AppGraph graph;
    private AppCore core;
    private final List<MeterCredit> meters = new ArrayList<>();
    /** The meter whose display the customer is reading: an index into {@link #meters}. */
    private int chosen;

    @Override
    protected void onCreate(Bundle state) {
        super.onCreate(state);
        graph = LifelineApplication.graph(this);
        core = graph.core();
        if (core == null) {
            startActivity(new Intent(this, SignInActivity.class));
            finish();
            return;
        }
        setContentView(R.layout.activity_credit);
        findViewById(R.id.reading_send).setOnClickListener(v -> send());
        findViewById(R.id.no_supply).setOnClickListener(v -> {
            findViewById(R.id.no_supply_help).setVisibility(View.VISIBLE);
            findViewById(R.id.no_supply_title)
                    .sendAccessibilityEvent(android.view.accessibility.AccessibilityEvent.TYPE_VIEW_FOCUSED);
        });
        TextView callBack = findViewById(R.id.call_back);
        callBack.setText(getString(R.string.call_back_button, core.session().supplierName()));
        callBack.setOnClickListener(v -> callBack());
        load();
    }

    private void load() {
        graph.background().execute(() -> {
            try {
                List<MeterCredit> found = core.credit().meters();
                graph.onMain(() -> show(found));
                MeterCredit low = core.credit().low(found);
                if (low != null) {
                    graph.notifications().lowCredit(line(this, low));
                }
            } catch (IOException e) {
                graph.onMain(() -> ((TextView) findViewById(R.id.credit_state)).setText(R.string.credit_failed));
            }
        });
    }

    private void show(List<MeterCredit> found) {
        String wasChosen = meters.isEmpty() ? null : meters.get(chosen).meterId();
        chosen = 0;
        for (int i = 0; i < found.size(); i++) {
            if (found.get(i).meterId().equals(wasChosen)) {
                chosen = i;
            }
        }
        meters.clear();
        meters.addAll(found);
        ((TextView) findViewById(R.id.credit_state))
                .setText(found.isEmpty() ? getString(R.string.credit_no_meters) : "");
        findViewById(R.id.credit_state).setVisibility(found.isEmpty() ? View.VISIBLE : View.GONE);
        LinearLayout list = findViewById(R.id.meters);
        list.removeAllViews();
        for (MeterCredit m : found) {
            TextView days = new TextView(this, null, 0, R.style.Heading);
            days.setId(View.generateViewId());
            days.setText(line(this, m));
            TextView basis = new TextView(this, null, 0, R.style.Body);
            basis.setText(basis(m.basis()));
            list.addView(days);
            list.addView(basis);
        }
        if (!found.isEmpty()) {
            findViewById(R.id.reading).setVisibility(View.VISIBLE);
            showChoice();
            showReadingTitle();
        }
    }

    /** With two or more meters, one radio button each (checked: the chosen one); with one, no choice is shown. */
    private void showChoice() {
        RadioGroup group = findViewById(R.id.reading_meter);
        group.setOnCheckedChangeListener(null);
        group.removeAllViews();
        boolean choose = meters.size() > 1;
        findViewById(R.id.reading_which).setVisibility(choose ? View.VISIBLE : View.GONE);
        group.setVisibility(choose ? View.VISIBLE : View.GONE);
        if (!choose) {
            return;
        }
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < meters.size(); i++) {
            RadioButton button = new RadioButton(this);
            button.setId(View.generateViewId());
            button.setText(meterName(i));
            button.setTextAppearance(R.style.Body);
            button.setMinHeight(getResources().getDimensionPixelSize(R.dimen.touch_min));
            group.addView(button);
            ids.add(button.getId());
        }
        group.check(ids.get(chosen));
        group.setOnCheckedChangeListener((g, checked) -> {
            chosen = Math.max(0, ids.indexOf(checked));
            showReadingTitle();
        });
    }

    /** "Gas", or "Electricity, the meter ending 00A2" when the home has two meters of one fuel. */
    private String meterName(int index) {
        MeterCredit meter = meters.get(index);
        String fuel = fuel(this, meter.fuel());
        for (int i = 0; i < meters.size(); i++) {
            if (i != index && meters.get(i).fuel().equals(meter.fuel())) {
                String id = meter.meterId();
                return getString(R.string.reading_meter_ending, fuel, id.substring(Math.max(0, id.length() - 4)));
            }
        }
        return fuel;
    }

    private void showReadingTitle() {
        ((TextView) findViewById(R.id.reading_title))
                .setText(getString(
                        R.string.reading_title,
                        fuel(this, meters.get(chosen).fuel()).toLowerCase(Words.locale(this))));
    }

    /** "Gas: about 2 to 3 days of credit left", at the phone's time, by shared's {@link DaysLeft}. */
    public static String line(Context context, MeterCredit m) {
        Context c = Words.localised(context);
        String fuel = fuel(c, m.fuel());
        DaysLeft d = m.daysLeft(LifelineApplication.graph(context).clock().instant());
        if (d == null) {
            return c.getString(R.string.credit_not_soon, fuel);
        }
        if (d.openEnded() && d.from() == 0) {
            return c.getString(R.string.credit_within_a_day, fuel);
        }
        if (d.openEnded()) {
            return c.getResources().getQuantityString(R.plurals.credit_at_least, d.from(), fuel, d.from());
        }
        if (d.from() == 0 && d.to() == 1) {
            return c.getString(R.string.credit_less_than_a_day, fuel);
        }
        if (d.from() == 0) {
            return c.getString(R.string.credit_up_to, fuel, d.to());
        }
        return c.getString(R.string.credit_window, fuel, d.from(), d.to());
    }

    private static String fuel(Context c, String code) {
        return c.getString("gas".equals(code) ? R.string.fuel_gas : R.string.fuel_electricity);
    }

    private int basis(String code) {
        switch (code) {
            case "reported-balances":
                return R.string.basis_reported_balances;
            case "top-up-history":
                return R.string.basis_top_up_history;
            default:
                return R.string.basis_typical_profile;
        }
    }

    private void send() {
        TextView result = findViewById(R.id.reading_state);
        EditText input = findViewById(R.id.reading_input);
        if (meters.isEmpty()) {
            return;
        }
        int index = chosen;
        String meterId = meters.get(index).meterId();
        String typed = input.getText().toString();
        try {
            BalanceEntry.pounds(typed);
        } catch (BalanceEntry.Refused e) {
            result.setText(refusal(e.problem()));
            return;
        }
        graph.background().execute(() -> {
            try {
                MeterCredit after = core.credit().report(meterId, typed);
                List<MeterCredit> updated = new ArrayList<>(meters);
                updated.set(index, after);
                graph.onMain(() -> {
                    show(updated);
                    input.setText("");
                    result.setText(R.string.reading_sent);
                });
            } catch (IOException e) {
                graph.onMain(() -> result.setText(R.string.reading_failed));
            }
        });
    }

    private static int refusal(BalanceEntry.Problem problem) {
        switch (problem) {
            case EMPTY:
                return R.string.reading_empty;
            case TOO_LARGE:
                return R.string.reading_too_large;
            default:
                return R.string.reading_not_an_amount;
        }
    }

    private void callBack() {
        TextView result = findViewById(R.id.call_back_state);
        String supplier = core.session().supplierName();
        String meterId = meters.isEmpty() ? null : meters.get(0).meterId();
        graph.background().execute(() -> {
            try {
                core.credit().askForCallBack(meterId);
                graph.onMain(() -> result.setText(getString(R.string.call_back_asked, supplier)));
            } catch (IOException e) {
                graph.onMain(() -> result.setText(getString(
                        R.string.call_back_failed, supplier, core.session().supplierPhone())));
            }
        });
    }
}
