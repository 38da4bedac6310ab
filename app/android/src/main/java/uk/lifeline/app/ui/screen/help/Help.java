package uk.lifeline.app.ui.screen.help;

import android.app.Activity;
import android.content.Intent;
import android.view.Menu;
import android.view.MenuItem;
import uk.lifeline.app.R;

/** The help button in every screen's bar, opening {@link HelpActivity}. Stateless. */
public final class Help {

    private Help() {}

    public static boolean menu(Activity screen, Menu menu) {
        screen.getMenuInflater().inflate(R.menu.help, menu);
        return true;
    }

    public static boolean selected(Activity screen, MenuItem item) {
        if (item.getItemId() != R.id.help) {
            return false;
        }
        screen.startActivity(new Intent(screen, HelpActivity.class));
        return true;
    }
}
