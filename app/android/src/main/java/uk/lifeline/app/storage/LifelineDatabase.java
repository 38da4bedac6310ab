package uk.lifeline.app.storage;

import android.content.ContentValues;
import android.content.Context;
import android.database.Cursor;
import android.database.sqlite.SQLiteDatabase;
import android.database.sqlite.SQLiteOpenHelper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import uk.lifeline.app.delivery.Json;
import uk.lifeline.app.entry.EntryOutcome;
import uk.lifeline.app.notice.NoticeStore;
import uk.lifeline.app.trust.EnvelopeProblem;
import uk.lifeline.app.trust.SignedCode;
import uk.lifeline.app.trust.SignedNotice;
import uk.lifeline.app.trust.SupplierKeys;
import uk.lifeline.app.wallet.CodeStatus;
import uk.lifeline.app.wallet.CodeStore;
import uk.lifeline.app.wallet.PendingResult;
import uk.lifeline.app.wallet.RefusedMessage;
import uk.lifeline.app.wallet.ResultOutbox;
import uk.lifeline.app.wallet.WalletCode;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.command.Parameters;

/**
 * Everything the app keeps offline, in one SQLite database: the code wallet, refused messages, the result outbox,
 * notices, and the supplier's cached keys. Codes keep their envelope, the signed proof. Thread-safe (SQLite
 * serialises access through one connection).
 */
public final class LifelineDatabase extends SQLiteOpenHelper
        implements CodeStore, ResultOutbox, NoticeStore, SupplierKeys.Cache {

    private static final String NAME = "lifeline.db";
    /**
     * 1: the first. 2: each queued result has its own id ({@code result_outbox.result_id}), sent as the
     * Idempotency-Key. Each step up is in {@link #onUpgrade}, tested from a version-1 file (LifelineDatabaseTest).
     */
    static final int VERSION = 2;

    private static final String JWKS = "jwks";

    public LifelineDatabase(Context context) {
        this(context, NAME);
    }

    /** A database file of another name: for tests of the upgrade path. */
    LifelineDatabase(Context context, String name) {
        super(context, name, null, VERSION);
    }

    @Override
    public void onCreate(SQLiteDatabase db) {
        db.execSQL("CREATE TABLE code (id TEXT PRIMARY KEY, supplier TEXT NOT NULL, meter_id TEXT NOT NULL,"
                + " customer_id TEXT NOT NULL, command TEXT NOT NULL, parameters TEXT NOT NULL,"
                + " counter INTEGER NOT NULL, blocks TEXT NOT NULL, issued_at INTEGER NOT NULL,"
                + " expires_at INTEGER NOT NULL, key_id TEXT NOT NULL, envelope TEXT NOT NULL, status TEXT NOT NULL,"
                + " outcome TEXT, received_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)");
        db.execSQL("CREATE TABLE refused (id INTEGER PRIMARY KEY AUTOINCREMENT, problem TEXT NOT NULL,"
                + " channel TEXT NOT NULL, received_at INTEGER NOT NULL)");
        db.execSQL("CREATE TABLE result_outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, code_id TEXT NOT NULL,"
                + " outcome TEXT NOT NULL, recorded_at INTEGER NOT NULL, result_id TEXT NOT NULL)");
        db.execSQL("CREATE TABLE notice (id TEXT PRIMARY KEY, supplier TEXT NOT NULL, customer_id TEXT NOT NULL,"
                + " kind TEXT NOT NULL, from_at INTEGER NOT NULL, until_at INTEGER NOT NULL, message TEXT,"
                + " envelope TEXT NOT NULL)");
        db.execSQL("CREATE TABLE kept (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
    }

    /** One step per version, in order, never by dropping the customer's codes or queued results. */
    @Override
    public void onUpgrade(SQLiteDatabase db, int oldVersion, int newVersion) {
        if (oldVersion < 2) {
            // Results queued before ids existed get one each now, kept from here on like any other.
            db.execSQL("ALTER TABLE result_outbox ADD COLUMN result_id TEXT");
            List<Long> queued = new ArrayList<>();
            try (Cursor c = db.query("result_outbox", new String[] {"seq"}, null, null, null, null, null)) {
                while (c.moveToNext()) {
                    queued.add(c.getLong(0));
                }
            }
            for (long seq : queued) {
                ContentValues v = new ContentValues();
                v.put("result_id", UUID.randomUUID().toString());
                db.update("result_outbox", v, "seq = ?", new String[] {Long.toString(seq)});
            }
        }
    }

    /** Removes everything the app kept: codes, queued results, notices, refusals, cached keys and settings. */
    public void forgetEverything() {
        SQLiteDatabase db = getWritableDatabase();
        db.beginTransaction();
        try {
            for (String table : new String[] {"code", "refused", "result_outbox", "notice", "kept"}) {
                db.delete(table, null, null);
            }
            db.setTransactionSuccessful();
        } finally {
            db.endTransaction();
        }
    }

    // ---- CodeStore

    @Override
    public boolean insert(WalletCode code) {
        return getWritableDatabase().insertWithOnConflict("code", null, values(code), SQLiteDatabase.CONFLICT_IGNORE)
                != -1;
    }

    @Override
    public void update(WalletCode code) {
        getWritableDatabase().update("code", values(code), "id = ?", new String[] {code.id()});
    }

    @Override
    public Optional<WalletCode> find(String id) {
        List<WalletCode> found = codes("id = ?", new String[] {id});
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public List<WalletCode> all() {
        return codes(null, null);
    }

    @Override
    public void recordRefused(RefusedMessage message) {
        ContentValues v = new ContentValues();
        v.put("problem", message.problem().code());
        v.put("channel", message.channel());
        v.put("received_at", message.receivedAt().toEpochMilli());
        getWritableDatabase().insert("refused", null, v);
    }

    @Override
    public List<RefusedMessage> refused() {
        List<RefusedMessage> out = new ArrayList<>();
        try (Cursor c = getReadableDatabase()
                .query(
                        "refused",
                        new String[] {"problem", "channel", "received_at"},
                        null,
                        null,
                        null,
                        null,
                        "id DESC")) {
            while (c.moveToNext()) {
                out.add(new RefusedMessage(
                        EnvelopeProblem.fromCode(c.getString(0)), c.getString(1), Instant.ofEpochMilli(c.getLong(2))));
            }
        }
        return out;
    }

    @Override
    public void dismissRefused() {
        getWritableDatabase().delete("refused", null, null);
    }

    // ---- ResultOutbox

    @Override
    public void add(PendingResult result) {
        ContentValues v = new ContentValues();
        v.put("code_id", result.codeId());
        v.put("outcome", result.outcome().code());
        v.put("recorded_at", result.recordedAt().toEpochMilli());
        v.put("result_id", result.resultId());
        getWritableDatabase().insert("result_outbox", null, v);
    }

    @Override
    public List<PendingResult> pending() {
        List<PendingResult> out = new ArrayList<>();
        try (Cursor c = getReadableDatabase()
                .query(
                        "result_outbox",
                        new String[] {"seq", "code_id", "outcome", "recorded_at", "result_id"},
                        null,
                        null,
                        null,
                        null,
                        "seq")) {
            while (c.moveToNext()) {
                out.add(new PendingResult(
                        c.getLong(0),
                        c.getString(1),
                        EntryOutcome.fromCode(c.getString(2)),
                        c.getString(4),
                        Instant.ofEpochMilli(c.getLong(3))));
            }
        }
        return out;
    }

    @Override
    public void remove(long seq) {
        getWritableDatabase().delete("result_outbox", "seq = ?", new String[] {Long.toString(seq)});
    }

    // ---- NoticeStore

    @Override
    public boolean insert(SignedNotice notice) {
        ContentValues v = new ContentValues();
        v.put("id", notice.id());
        v.put("supplier", notice.supplier());
        v.put("customer_id", notice.customerId());
        v.put("kind", notice.kind());
        v.put("from_at", notice.from().toEpochMilli());
        v.put("until_at", notice.until().toEpochMilli());
        v.put("message", notice.message());
        v.put("envelope", notice.envelope());
        return getWritableDatabase().insertWithOnConflict("notice", null, v, SQLiteDatabase.CONFLICT_IGNORE) != -1;
    }

    @Override
    public List<SignedNotice> notices() {
        List<SignedNotice> out = new ArrayList<>();
        try (Cursor c = getReadableDatabase()
                .query(
                        "notice",
                        new String[] {
                            "id", "supplier", "customer_id", "kind", "from_at", "until_at", "message", "envelope"
                        },
                        null,
                        null,
                        null,
                        null,
                        null)) {
            while (c.moveToNext()) {
                out.add(new SignedNotice(
                        c.getString(0),
                        c.getString(1),
                        c.getString(2),
                        c.getString(3),
                        Instant.ofEpochMilli(c.getLong(4)),
                        Instant.ofEpochMilli(c.getLong(5)),
                        c.getString(6),
                        c.getString(7)));
            }
        }
        return out;
    }

    @Override
    public void delete(String id) {
        getWritableDatabase().delete("notice", "id = ?", new String[] {id});
    }

    // ---- SupplierKeys.Cache

    @Override
    public String load() {
        return kept(JWKS);
    }

    @Override
    public void save(String jwkSetJson) {
        keep(JWKS, jwkSetJson);
    }

    /** A small named value kept across restarts (e.g. the stream's last event id), or null. */
    public String kept(String name) {
        try (Cursor c = getReadableDatabase()
                .query("kept", new String[] {"value"}, "name = ?", new String[] {name}, null, null, null)) {
            return c.moveToFirst() ? c.getString(0) : null;
        }
    }

    public void keep(String name, String value) {
        ContentValues v = new ContentValues();
        v.put("name", name);
        v.put("value", value);
        getWritableDatabase().insertWithOnConflict("kept", null, v, SQLiteDatabase.CONFLICT_REPLACE);
    }

    private static ContentValues values(WalletCode w) {
        SignedCode c = w.code();
        ContentValues v = new ContentValues();
        v.put("id", c.id());
        v.put("supplier", c.supplier());
        v.put("meter_id", c.meterId());
        v.put("customer_id", c.customerId());
        v.put("command", c.type().commandName());
        v.put("parameters", Json.write(c.command().parameters()));
        v.put("counter", c.counter());
        v.put("blocks", String.join(",", c.blocks()));
        v.put("issued_at", c.issuedAt().toEpochMilli());
        v.put("expires_at", c.expiresAt().toEpochMilli());
        v.put("key_id", c.keyId());
        v.put("envelope", c.envelope());
        v.put("status", w.status().code());
        v.put("outcome", w.outcome() == null ? null : w.outcome().code());
        v.put("received_at", w.receivedAt().toEpochMilli());
        v.put("updated_at", w.updatedAt().toEpochMilli());
        return v;
    }

    private List<WalletCode> codes(String where, String[] args) {
        List<WalletCode> out = new ArrayList<>();
        try (Cursor c = getReadableDatabase()
                .query(
                        "code",
                        new String[] {
                            "id",
                            "supplier",
                            "meter_id",
                            "customer_id",
                            "command",
                            "parameters",
                            "counter",
                            "blocks",
                            "issued_at",
                            "expires_at",
                            "key_id",
                            "envelope",
                            "status",
                            "outcome",
                            "received_at",
                            "updated_at"
                        },
                        where,
                        args,
                        null,
                        null,
                        null)) {
            while (c.moveToNext()) {
                SignedCode code = new SignedCode(
                        c.getString(0),
                        c.getString(1),
                        c.getString(2),
                        c.getString(3),
                        command(c.getString(4), c.getString(5)),
                        c.getLong(6),
                        Arrays.asList(c.getString(7).split(",")),
                        Instant.ofEpochMilli(c.getLong(8)),
                        Instant.ofEpochMilli(c.getLong(9)),
                        c.getString(10),
                        c.getString(11));
                out.add(new WalletCode(
                        code,
                        CodeStatus.fromCode(c.getString(12)),
                        c.isNull(13) ? null : EntryOutcome.fromCode(c.getString(13)),
                        Instant.ofEpochMilli(c.getLong(14)),
                        Instant.ofEpochMilli(c.getLong(15))));
            }
        }
        return out;
    }

    private static MeterCommand command(String name, String parametersJson) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, Object> p : Json.parse(parametersJson).entrySet()) {
            parameters.put(p.getKey(), (String) p.getValue());
        }
        return MeterCommand.parse(name, Parameters.of(parameters));
    }
}
