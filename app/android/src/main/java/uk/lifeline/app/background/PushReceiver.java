package uk.lifeline.app.background;

import android.content.BroadcastReceiver;
import android.content.Context;
import android.content.Intent;
import android.os.Bundle;
import android.util.Log;
import java.util.HashMap;
import java.util.Map;
import uk.lifeline.app.AppGraph;
import uk.lifeline.app.LifelineApplication;
import uk.lifeline.app.core.AppCore;
import uk.lifeline.app.delivery.Inbox;
import uk.lifeline.app.delivery.PushMessage;

/**
 * Receives FCM data messages (docs/app-protocol.md) where Google services deliver them, and only parses each one
 * and hands it to the inbox, which verifies it like any other. A {@code sync} message schedules a sync.
 */
public final class PushReceiver extends BroadcastReceiver {

    private static final String TAG = "LifelinePush";

    @Override
    public void onReceive(Context context, Intent intent) {
        Bundle extras = intent.getExtras();
        if (extras == null) {
            return;
        }
        // Every text member, so a notice joined with a code (codeId, codeEnvelope, codeStatus) keeps its code.
        Map<String, String> data = new HashMap<>();
        for (String key : extras.keySet()) {
            String value = extras.getString(key); // null for a member that is not text
            if (value != null) {
                data.put(key, value);
            }
        }
        PushMessage message;
        try {
            message = PushMessage.parse(data);
        } catch (IllegalArgumentException e) {
            Log.w(TAG, "ignored a push message: " + e.getMessage());
            return;
        }
        if (PushMessage.SYNC.equals(message.kind())) {
            SyncScheduler.syncWhenOnline(context);
            return;
        }
        AppGraph graph = LifelineApplication.graph(context);
        // Loading the session, reading the database and verifying (which may fetch the supplier's keys) all stay
        // off the main thread, with the receiver kept alive meanwhile.
        PendingResult pending = goAsync();
        graph.background().execute(() -> {
            try {
                AppCore core = graph.core();
                if (core != null && !graph.signedOut()) {
                    graph.announce(core.inbox().handle(message, Inbox.PUSH));
                }
            } finally {
                pending.finish();
            }
        });
    }
}
