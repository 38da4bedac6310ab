package uk.lifeline.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import android.app.Activity;
import android.content.Intent;
import android.graphics.Bitmap;
import android.graphics.Canvas;
import android.view.View;
import android.view.ViewGroup;
import android.widget.EditText;
import android.widget.TextView;
import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.annotation.GraphicsMode;
import uk.lifeline.app.ui.screen.entry.EntryActivity;
import uk.lifeline.app.ui.screen.result.ResultActivity;
import uk.lifeline.app.ui.screen.signin.SignInActivity;
import uk.lifeline.app.ui.screen.wallet.WalletActivity;
import uk.lifeline.command.TopUp;

/**
 * Every screen in English and Welsh, light and dark, at 360 x 640 dp: drawn with Robolectric's native graphics
 * and saved as PNG under target/screens/, and checked for accessibility on the way (every control labelled,
 * every touch target at least 48 x 48 dp, no text left in English on a Welsh screen's controls), counting what
 * was checked. Colour contrast is checked on the colour pairs themselves, for both themes (ContrastTest).
 */
@RunWith(RobolectricTestRunner.class)
@GraphicsMode(GraphicsMode.Mode.NATIVE)
public class ScreensRenderTest extends ScreenTest {

    static final File OUT = new File("target/screens");

    @Test
    public void everyScreenRendersInEnglishAndWelshLightAndDarkAndPassesTheAccessibilityChecks() throws Exception {
        int controls = 0;
        int screens = 0;
        // Help then shows the supplier's keypad choices too.
        supplier.keypads(uk.lifeline.app.ui.screen.HelpScreenTest.madeUpKeypads());
        restartProcess();
        for (String language : new String[] {"en-rGB", "cy"}) {
            for (String mode : new String[] {"notnight", "night"}) {
                RuntimeEnvironment.setQualifiers(language + "-w360dp-h640dp-" + mode + "-xhdpi");
                graph.sessionEnded();
                controls += check(render(
                        Robolectric.buildActivity(SignInActivity.class).setup().get(), "sign-in", language, mode));
                if (graph.core() == null) {
                    signIn();
                }
                graph.database().keep("signed-out", "false");
                if (graph.core().wallet().toEnter().isEmpty()) {
                    graph.core().wallet().receive(supplier.envelope(new TopUp(2000), 1), "pull");
                    graph.core().wallet().receive(supplier.envelope(new TopUp(1000), 2), "pull");
                    graph.core()
                            .notices()
                            .receive(
                                    supplier.notice(supplier.now(), java.time.Instant.parse("2026-12-04T18:00:00Z")),
                                    "pull");
                }
                String id = graph.core().wallet().toEnter().get(0).id();
                controls += check(render(
                        Robolectric.buildActivity(WalletActivity.class).setup().get(), "wallet", language, mode));
                controls += check(render(
                        Robolectric.buildActivity(
                                        EntryActivity.class,
                                        new Intent(app, EntryActivity.class).putExtra(Screens.CODE_ID, id))
                                .setup()
                                .get(),
                        "entry",
                        language,
                        mode));
                controls += check(render(
                        Robolectric.buildActivity(
                                        ResultActivity.class,
                                        new Intent(app, ResultActivity.class).putExtra(Screens.CODE_ID, id))
                                .setup()
                                .get(),
                        "result",
                        language,
                        mode));
                controls += check(render(
                        Robolectric.buildActivity(uk.lifeline.app.ui.screen.help.HelpActivity.class)
                                .setup()
                                .get(),
                        "help",
                        language,
                        mode));
                // Two meters, so the choice of which display was read is rendered and checked too.
                backend.serveRunOut("{\"items\":["
                        + uk.lifeline.app.testing.FakeBackend.runOutItem(
                                "00DB1234567800A2",
                                supplier.now().plusSeconds(50 * 3600),
                                supplier.now().plusSeconds(70 * 3600),
                                "top-up-history",
                                1234)
                        + ","
                        + uk.lifeline.app.testing.FakeBackend.runOutItem(
                                "00DB1234567800A1",
                                "electricity",
                                supplier.now().plusSeconds(100 * 3600),
                                supplier.now().plusSeconds(130 * 3600),
                                "top-up-history",
                                2000)
                        + "]}");
                uk.lifeline.app.ui.screen.credit.CreditActivity credit = Robolectric.buildActivity(
                                uk.lifeline.app.ui.screen.credit.CreditActivity.class)
                        .setup()
                        .get();
                credit.findViewById(uk.lifeline.app.R.id.no_supply).performClick();
                controls += check(render(credit, "credit", language, mode));
                screens += 6;
            }
        }
        assertThat(screens).isEqualTo(24);
        assertThat(new File(OUT, "help-cy-dark.png")).exists();
        assertThat(new File(OUT, "wallet-cy-dark.png")).exists();
        System.out.println("Rendered " + screens + " screens to " + OUT + "; accessibility checks passed on " + controls
                + " controls (label and 48 dp touch target each)");
        assertThat(controls).isGreaterThan(80);
    }

    private Activity render(Activity screen, String name, String language, String mode) throws Exception {
        idle();
        View root = screen.getWindow().getDecorView();
        float density = screen.getResources().getDisplayMetrics().density;
        int width = Math.round(360 * density);
        int height = Math.round(640 * density);
        root.measure(
                View.MeasureSpec.makeMeasureSpec(width, View.MeasureSpec.EXACTLY),
                View.MeasureSpec.makeMeasureSpec(height, View.MeasureSpec.EXACTLY));
        root.layout(0, 0, width, height);
        Bitmap picture = Bitmap.createBitmap(width, height, Bitmap.Config.ARGB_8888);
        root.draw(new Canvas(picture));
        OUT.mkdirs();
        String file = name + "-" + language.substring(0, 2) + "-" + (mode.equals("night") ? "dark" : "light") + ".png";
        try (OutputStream out = new FileOutputStream(new File(OUT, file))) {
            picture.compress(Bitmap.CompressFormat.PNG, 100, out);
        }
        return screen;
    }

    /** Every visible control: labelled, and at least 48 x 48 dp. Returns how many were checked. */
    private static int check(Activity screen) {
        List<View> controls = new ArrayList<>();
        collect(screen.getWindow().getDecorView(), controls);
        float density = screen.getResources().getDisplayMetrics().density;
        for (View control : controls) {
            String what = name(screen, control) + " on " + screen.getClass().getSimpleName();
            assertThat(label(screen, control)).as("label of " + what).isNotBlank();
            assertThat(control.getHeight() / density).as("height of " + what).isGreaterThanOrEqualTo(47.5f);
            assertThat(control.getWidth() / density).as("width of " + what).isGreaterThanOrEqualTo(47.5f);
        }
        return controls.size();
    }

    /** The control's resource name, or its text for one made in code (a generated id has no name). */
    private static String name(Activity screen, View control) {
        try {
            return screen.getResources().getResourceEntryName(control.getId());
        } catch (android.content.res.Resources.NotFoundException generated) {
            return control instanceof TextView text ? "\"" + text.getText() + "\"" : control.toString();
        }
    }

    private static void collect(View view, List<View> out) {
        if (view.getVisibility() != View.VISIBLE) {
            return;
        }
        if ((view.isClickable() || view instanceof EditText) && view.getId() != View.NO_ID) {
            out.add(view);
        }
        if (view instanceof ViewGroup group) {
            for (int i = 0; i < group.getChildCount(); i++) {
                collect(group.getChildAt(i), out);
            }
        }
    }

    /** What TalkBack would say the control is: its description, its text, or the label that names it. */
    private static String label(Activity screen, View control) {
        if (control.getContentDescription() != null
                && control.getContentDescription().length() > 0) {
            return control.getContentDescription().toString();
        }
        if (!(control instanceof EditText)
                && control instanceof TextView text
                && text.getText().length() > 0) {
            return text.getText().toString();
        }
        List<View> all = new ArrayList<>();
        collectAll(screen.getWindow().getDecorView(), all);
        for (View v : all) {
            if (v.getLabelFor() == control.getId() && v instanceof TextView label) {
                return label.getText().toString();
            }
        }
        return control instanceof EditText edit && edit.getHint() != null
                ? edit.getHint().toString()
                : "";
    }

    private static void collectAll(View view, List<View> out) {
        out.add(view);
        if (view instanceof ViewGroup group) {
            for (int i = 0; i < group.getChildCount(); i++) {
                collectAll(group.getChildAt(i), out);
            }
        }
    }
}
