package uk.lifeline.app.ui;

import android.app.Activity;
import android.content.ActivityNotFoundException;
import android.content.Intent;
import android.net.Uri;
import java.util.Locale;

/** Small things every screen does the same way. Stateless. */
public final class Screens {

    /** The extra naming the code a screen is about. */
    public static final String CODE_ID = "uk.lifeline.app.CODE_ID";

    private Screens() {}

    /** Opens the dialler with the supplier's number (the customer presses call). */
    public static void dial(Activity activity, String phone) {
        try {
            activity.startActivity(new Intent(Intent.ACTION_DIAL, Uri.parse("tel:" + phone.replace(" ", ""))));
        } catch (ActivityNotFoundException e) {
            // A tablet without a phone: the number is on the screen to read.
        }
    }

    /** 'adds £20.00 credit' becomes 'Adds £20.00 credit'. */
    public static String sentence(String words) {
        return words.isEmpty() ? words : words.substring(0, 1).toUpperCase(Locale.UK) + words.substring(1);
    }
}
