package uk.lifeline.app.storage;

import static org.assertj.core.api.Assertions.assertThat;

import android.content.Context;
import android.database.sqlite.SQLiteDatabase;
import java.io.File;
import java.time.Instant;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import uk.lifeline.app.entry.EntryOutcome;
import uk.lifeline.app.wallet.PendingResult;

/** The phone's database opened by a newer app over a file an older version wrote. */
@RunWith(RobolectricTestRunner.class)
public class LifelineDatabaseTest {

    /** The schema as version 1 of the app shipped it: never change this, it is what phones hold. */
    private static final String[] VERSION_1 = {
        "CREATE TABLE code (id TEXT PRIMARY KEY, supplier TEXT NOT NULL, meter_id TEXT NOT NULL,"
                + " customer_id TEXT NOT NULL, command TEXT NOT NULL, parameters TEXT NOT NULL,"
                + " counter INTEGER NOT NULL, blocks TEXT NOT NULL, issued_at INTEGER NOT NULL,"
                + " expires_at INTEGER NOT NULL, key_id TEXT NOT NULL, envelope TEXT NOT NULL, status TEXT NOT NULL,"
                + " outcome TEXT, received_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)",
        "CREATE TABLE refused (id INTEGER PRIMARY KEY AUTOINCREMENT, problem TEXT NOT NULL,"
                + " channel TEXT NOT NULL, received_at INTEGER NOT NULL)",
        "CREATE TABLE result_outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, code_id TEXT NOT NULL,"
                + " outcome TEXT NOT NULL, recorded_at INTEGER NOT NULL)",
        "CREATE TABLE notice (id TEXT PRIMARY KEY, supplier TEXT NOT NULL, customer_id TEXT NOT NULL,"
                + " kind TEXT NOT NULL, from_at INTEGER NOT NULL, until_at INTEGER NOT NULL, message TEXT,"
                + " envelope TEXT NOT NULL)",
        "CREATE TABLE kept (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    };

    private final Context context = RuntimeEnvironment.getApplication();

    @Test
    public void aVersionOneDatabaseUpgradesKeepingItsQueuedResultsEachWithAnIdOfItsOwn() {
        String name = "upgrade-from-1.db";
        File file = context.getDatabasePath(name);
        file.getParentFile().mkdirs();
        try (SQLiteDatabase old = SQLiteDatabase.openOrCreateDatabase(file, null)) {
            for (String table : VERSION_1) {
                old.execSQL(table);
            }
            old.execSQL("INSERT INTO result_outbox (code_id, outcome, recorded_at) VALUES"
                    + " ('00000000-0000-0000-0000-000000000001', 'locked', 1000),"
                    + " ('00000000-0000-0000-0000-000000000002', 'accepted', 2000)");
            old.execSQL("INSERT INTO kept (name, value) VALUES ('signed-out', 'false')");
            old.setVersion(1);
        }

        LifelineDatabase upgraded = new LifelineDatabase(context, name);
        try {
            assertThat(upgraded.getReadableDatabase().getVersion())
                    .isEqualTo(LifelineDatabase.VERSION)
                    .isEqualTo(2);
            assertThat(upgraded.pending())
                    .extracting(PendingResult::codeId, PendingResult::outcome)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    "00000000-0000-0000-0000-000000000001", EntryOutcome.LOCKED),
                            org.assertj.core.groups.Tuple.tuple(
                                    "00000000-0000-0000-0000-000000000002", EntryOutcome.ACCEPTED));
            assertThat(upgraded.pending())
                    .extracting(PendingResult::resultId)
                    .doesNotContainNull()
                    .doesNotHaveDuplicates();
            // Ids are kept, not made again on each read: a retry sends the same one.
            assertThat(upgraded.pending())
                    .extracting(PendingResult::resultId)
                    .isEqualTo(upgraded.pending().stream()
                            .map(PendingResult::resultId)
                            .toList());
            assertThat(upgraded.kept("signed-out")).isEqualTo("false");

            upgraded.add(PendingResult.of(
                    "00000000-0000-0000-0000-000000000003", EntryOutcome.REJECTED, Instant.ofEpochMilli(3000)));
            assertThat(upgraded.pending()).hasSize(3).last().satisfies(r -> assertThat(r.resultId())
                    .isNotBlank());
        } finally {
            upgraded.close();
        }
    }

    @Test
    public void aNewDatabaseStartsAtTheCurrentVersion() {
        LifelineDatabase fresh = new LifelineDatabase(context, "fresh.db");
        try {
            assertThat(fresh.getReadableDatabase().getVersion()).isEqualTo(LifelineDatabase.VERSION);
            PendingResult queued = PendingResult.of(
                    "00000000-0000-0000-0000-000000000004", EntryOutcome.ACCEPTED, Instant.ofEpochMilli(4000));
            fresh.add(queued);
            assertThat(fresh.pending()).singleElement().satisfies(r -> assertThat(r.resultId())
                    .isEqualTo(queued.resultId()));
        } finally {
            fresh.close();
        }
    }
}
