package uk.lifeline.app.ui;

import android.app.Activity;
import android.content.Context;
import android.content.Intent;
import android.view.Menu;
import android.view.MenuItem;
import uk.lifeline.app.R;
import uk.lifeline.app.ui.screen.help.HelpActivity;

/**
 * What every screen of the app shares: its words in the customer's language ({@link Words#localised}) and the
 * Help button in its bar, opening {@link HelpActivity} (help itself has none).
 */
public abstract class Screen extends Activity {

    @Override
    protected void attachBaseContext(Context base) {
        super.attachBaseContext(Words.localised(base));
    }

    /** Whether the bar offers Help: every screen but help itself. */
    protected boolean offersHelp() {
        return true;
    }

    @Override
    public boolean onCreateOptionsMenu(Menu menu) {
        if (!offersHelp()) {
            return super.onCreateOptionsMenu(menu);
        }
        getMenuInflater().inflate(R.menu.help, menu);
        return true;
    }

    @Override
    public boolean onOptionsItemSelected(MenuItem item) {
        if (offersHelp() && item.getItemId() == R.id.help) {
            startActivity(new Intent(this, HelpActivity.class));
            return true;
        }
        return super.onOptionsItemSelected(item);
    }
}
