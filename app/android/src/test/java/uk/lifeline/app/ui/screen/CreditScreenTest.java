package uk.lifeline.app.ui.screen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.robolectric.Shadows.shadowOf;

import android.app.Notification;
import android.app.NotificationManager;
import android.view.View;
import android.widget.EditText;
import android.widget.LinearLayout;
import android.widget.RadioButton;
import android.widget.RadioGroup;
import android.widget.TextView;
import java.time.Instant;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.annotation.Config;
import uk.lifeline.app.R;
import uk.lifeline.app.testing.FakeBackend;
import uk.lifeline.app.ui.ScreenTest;
import uk.lifeline.app.ui.screen.credit.CreditActivity;

/** The credit screen in English and Welsh: the window, "What does your meter show?", and "I have no supply". */
@RunWith(RobolectricTestRunner.class)
public class CreditScreenTest extends ScreenTest {

    private static final String GAS = "00DB1234567800A2";
    private static final String ELECTRICITY = "00DB1234567800A1";

    private void serve(long earliestHours, Long latestHours, String basis) {
        Instant now = supplier.now();
        backend.serveRunOut("{\"items\":["
                + FakeBackend.runOutItem(
                        GAS,
                        now.plusSeconds(earliestHours * 3600),
                        latestHours == null ? null : now.plusSeconds(latestHours * 3600),
                        basis,
                        1234)
                + "]}");
    }

    private CreditActivity open() {
        CreditActivity screen =
                Robolectric.buildActivity(CreditActivity.class).setup().get();
        idle();
        return screen;
    }

    private static String text(android.app.Activity screen, int id) {
        return ((TextView) screen.findViewById(id)).getText().toString();
    }

    private static String meterLines(android.app.Activity screen) {
        LinearLayout meters = screen.findViewById(R.id.meters);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < meters.getChildCount(); i++) {
            out.append(((TextView) meters.getChildAt(i)).getText()).append('\n');
        }
        return out.toString();
    }

    @Test
    public void theWindowIsShownInDaysAndABalanceFromTheDisplayIsCheckedSentAndShown() throws Exception {
        signIn();
        serve(50, 70L, "typical-profile");
        CreditActivity screen = open();
        assertThat(meterLines(screen))
                .isEqualTo("Gas: about 2 to 3 days of credit left\n"
                        + "Worked out from a typical home. Tell us what your meter shows to make it closer.\n");
        assertThat(text(screen, R.id.reading_title)).isEqualTo("What does your gas meter show?");
        assertThat(screen.findViewById(R.id.reading_meter).getVisibility()).isEqualTo(View.GONE);

        EditText input = screen.findViewById(R.id.reading_input);
        input.setText("twelve");
        screen.findViewById(R.id.reading_send).performClick();
        idle();
        assertThat(text(screen, R.id.reading_state)).startsWith("Type pounds and pence");
        assertThat(backend.requests("POST", "/api/v1/me/meter-readings")).isEmpty();

        serve(100, 130L, "reported-balances");
        input.setText("25");
        screen.findViewById(R.id.reading_send).performClick();
        idle();
        assertThat(text(screen, R.id.reading_state)).isEqualTo("Thank you. Your estimate is updated.");
        assertThat(backend.requests("POST", "/api/v1/me/meter-readings").get(0).body())
                .isEqualTo("{\"meterId\":\"" + GAS + "\",\"balance\":\"25.00\"}");
        assertThat(meterLines(screen))
                .isEqualTo("Gas: about 4 to 6 days of credit left\n" + "Worked out from the balances you told us.\n");
    }

    /** One meter's window, {@code from} to {@code to} hours from now. */
    private String item(String meterId, String fuel, long from, long to, String basis) {
        Instant now = supplier.now();
        return FakeBackend.runOutItem(
                meterId, fuel, now.plusSeconds(from * 3600), now.plusSeconds(to * 3600), basis, 1000);
    }

    private void serveItems(String... items) {
        backend.serveRunOut("{\"items\":[" + String.join(",", items) + "]}");
    }

    private void serveTwo(String firstId, String firstFuel, String secondId, String secondFuel) {
        serveItems(
                item(firstId, firstFuel, 50, 70, "top-up-history"),
                item(secondId, secondFuel, 100, 130, "top-up-history"));
    }

    private static RadioGroup choice(android.app.Activity screen) {
        return screen.findViewById(R.id.reading_meter);
    }

    private static String choices(android.app.Activity screen) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < choice(screen).getChildCount(); i++) {
            RadioButton button = (RadioButton) choice(screen).getChildAt(i);
            out.append(button.isChecked() ? "(x) " : "( ) ")
                    .append(button.getText())
                    .append('\n');
        }
        return out.toString();
    }

    @Test
    public void aHomeWithGasAndElectricityChoosesWhichDisplayItReadAndTheBalanceGoesToThatMeter() throws Exception {
        signIn();
        serveTwo(ELECTRICITY, "electricity", GAS, "gas");
        CreditActivity screen = open();
        assertThat(screen.findViewById(R.id.reading_which).getVisibility()).isEqualTo(View.VISIBLE);
        assertThat(text(screen, R.id.reading_which)).isEqualTo("Which meter did you read?");
        assertThat(choices(screen)).isEqualTo("(x) Electricity\n( ) Gas\n");
        assertThat(text(screen, R.id.reading_title)).isEqualTo("What does your electricity meter show?");

        ((RadioButton) choice(screen).getChildAt(1)).performClick();
        assertThat(choices(screen)).isEqualTo("( ) Electricity\n(x) Gas\n");
        assertThat(text(screen, R.id.reading_title)).isEqualTo("What does your gas meter show?");

        serveItems(item(GAS, "gas", 150, 170, "reported-balances"));
        ((EditText) screen.findViewById(R.id.reading_input)).setText("25");
        screen.findViewById(R.id.reading_send).performClick();
        idle();
        assertThat(backend.requests("POST", "/api/v1/me/meter-readings").get(0).body())
                .isEqualTo("{\"meterId\":\"" + GAS + "\",\"balance\":\"25.00\"}");
        // The gas line is the one updated; the electricity line and the choice stay as they were.
        assertThat(meterLines(screen))
                .isEqualTo("Electricity: about 2 to 3 days of credit left\n"
                        + "Worked out from your top-ups.\n"
                        + "Gas: about 6 to 8 days of credit left\n"
                        + "Worked out from the balances you told us.\n");
        assertThat(choices(screen)).isEqualTo("( ) Electricity\n(x) Gas\n");
    }

    @Test
    @Config(qualifiers = "cy")
    public void twoMetersOfOneFuelAreToldApartByTheEndOfTheirIdInWelsh() throws Exception {
        signIn();
        serveTwo(ELECTRICITY, "electricity", "00DB1234567800B7", "electricity");
        CreditActivity screen = open();
        assertThat(text(screen, R.id.reading_which)).isEqualTo("Pa fesurydd wnaethoch chi ei ddarllen?");
        assertThat(choices(screen))
                .isEqualTo("(x) Trydan, y mesurydd sy'n gorffen gyda 00A1\n"
                        + "( ) Trydan, y mesurydd sy'n gorffen gyda 00B7\n");
        ((RadioButton) choice(screen).getChildAt(1)).performClick();
        serveItems(item("00DB1234567800B7", "electricity", 20, 30, "reported-balances"));
        ((EditText) screen.findViewById(R.id.reading_input)).setText("3.50");
        screen.findViewById(R.id.reading_send).performClick();
        idle();
        assertThat(backend.requests("POST", "/api/v1/me/meter-readings").get(0).body())
                .isEqualTo("{\"meterId\":\"00DB1234567800B7\",\"balance\":\"3.50\"}");
    }

    @Test
    public void iHaveNoSupplyShowsTheEmergencyCreditStepsAndAsksForACallBack() throws Exception {
        signIn();
        serve(-2, 3L, "top-up-history");
        CreditActivity screen = open();
        assertThat(meterLines(screen)).startsWith("Gas: less than a day of credit left");
        assertThat(screen.findViewById(R.id.no_supply_help).getVisibility()).isEqualTo(View.GONE);
        screen.findViewById(R.id.no_supply).performClick();
        assertThat(screen.findViewById(R.id.no_supply_help).getVisibility()).isEqualTo(View.VISIBLE);
        assertThat(text(screen, R.id.no_supply_steps))
                .contains("emergency credit")
                .contains("paid back");
        assertThat(text(screen, R.id.call_back)).isEqualTo("Ask Demo Energy to call me back");
        screen.findViewById(R.id.call_back).performClick();
        idle();
        assertThat(text(screen, R.id.call_back_state)).isEqualTo("Demo Energy will call you back.");
        assertThat(backend.requests("POST", "/api/v1/me/call-back").get(0).body())
                .isEqualTo("{\"meterId\":\"" + GAS + "\"}");
    }

    @Test
    public void creditRunningOutWithinADayRaisesTheLowCreditWarning() throws Exception {
        signIn();
        serve(20, null, "top-up-history");
        CreditActivity screen = open();
        assertThat(meterLines(screen)).startsWith("Gas: may run out within a day");
        Notification warning = shadowOf(app.getSystemService(NotificationManager.class)).getAllNotifications().stream()
                .filter(n -> n.getChannelId().equals("credit"))
                .findFirst()
                .orElseThrow();
        assertThat(shadowOf(warning).getContentTitle().toString()).isEqualTo("Your credit is running low");
        assertThat(shadowOf(warning).getContentText().toString())
                .startsWith("Gas: may run out within a day. Top up soon");
        assertThat(screen).isNotNull();
    }

    @Test
    @Config(qualifiers = "cy")
    public void inWelshTheWindowThePromptAndTheNoSupplyPathAreWelsh() throws Exception {
        signIn();
        serve(50, 70L, "top-up-history");
        CreditActivity screen = open();
        assertThat(meterLines(screen))
                .isEqualTo("Nwy: tua 2 i 3 diwrnod o gredyd ar ôl\n" + "Wedi'i gyfrifo o'ch ychwanegiadau credyd.\n");
        assertThat(text(screen, R.id.reading_title)).isEqualTo("Beth mae eich mesurydd nwy yn ei ddangos?");
        ((EditText) screen.findViewById(R.id.reading_input)).setText("");
        screen.findViewById(R.id.reading_send).performClick();
        assertThat(text(screen, R.id.reading_state)).isEqualTo("Teipiwch y balans yn gyntaf.");
        assertThat(text(screen, R.id.no_supply)).isEqualTo("Does gen i ddim cyflenwad");
        screen.findViewById(R.id.no_supply).performClick();
        screen.findViewById(R.id.call_back).performClick();
        idle();
        assertThat(text(screen, R.id.call_back_state)).isEqualTo("Bydd Demo Energy yn eich ffonio'n ôl.");
    }

    @Test
    public void theSyncRoundWarnsOfLowCreditWhileTheAppIsClosed() throws Exception {
        signIn();
        serve(10, 30L, "reported-balances");
        uk.lifeline.app.background.SyncJobService.syncOnce(graph, graph.core());
        Notification warning = shadowOf(app.getSystemService(NotificationManager.class)).getAllNotifications().stream()
                .filter(n -> n.getChannelId().equals("credit"))
                .findFirst()
                .orElseThrow();
        assertThat(shadowOf(warning).getContentText().toString())
                .isEqualTo("Gas: up to 2 days of credit left. Top up soon, or take emergency credit.");
    }
}
