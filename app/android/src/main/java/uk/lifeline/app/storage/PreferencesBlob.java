package uk.lifeline.app.storage;

import android.content.Context;
import android.content.SharedPreferences;
import android.util.Base64;
import uk.lifeline.app.account.SessionVault;

/** The encrypted session's bytes, in the app's private preferences. Thread-safe. */
public final class PreferencesBlob implements SessionVault.BlobStore {

    private static final String NAME = "session";
    private static final String KEY = "sealed";

    private final SharedPreferences preferences;

    public PreferencesBlob(Context context) {
        this.preferences = context.getSharedPreferences(NAME, Context.MODE_PRIVATE);
    }

    @Override
    public byte[] read() {
        String text = preferences.getString(KEY, null);
        return text == null ? null : Base64.decode(text, Base64.NO_WRAP);
    }

    @Override
    public void write(byte[] blob) {
        preferences
                .edit()
                .putString(KEY, Base64.encodeToString(blob, Base64.NO_WRAP))
                .commit();
    }

    @Override
    public void delete() {
        preferences.edit().remove(KEY).commit();
    }
}
