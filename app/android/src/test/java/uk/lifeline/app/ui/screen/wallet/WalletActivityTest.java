package uk.lifeline.app.ui.screen.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import android.widget.TextView;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;

@RunWith(RobolectricTestRunner.class)
public class WalletActivityTest {
    @Test
    public void shows() {
        WalletActivity a = Robolectric.buildActivity(WalletActivity.class).setup().get();
        assertThat(a.getString(uk.lifeline.app.R.string.app_name)).isEqualTo("Lifeline");
    }
}
