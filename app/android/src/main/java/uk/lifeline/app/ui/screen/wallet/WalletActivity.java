package uk.lifeline.app.ui.screen.wallet;

import android.app.Activity;
import android.os.Bundle;
import android.widget.TextView;

public final class WalletActivity extends Activity {
    @Override
    protected void onCreate(Bundle state) {
        super.onCreate(state);
        TextView text = new TextView(this);
        text.setText(uk.lifeline.app.R.string.app_name);
        setContentView(text);
    }
}
