package uk.lifeline.app.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.lifeline.app.notice.NoticeStore;
import uk.lifeline.app.trust.SignedNotice;
import uk.lifeline.app.trust.SupplierKeys;
import uk.lifeline.app.wallet.CodeStore;
import uk.lifeline.app.wallet.PendingResult;
import uk.lifeline.app.wallet.RefusedMessage;
import uk.lifeline.app.wallet.ResultOutbox;
import uk.lifeline.app.wallet.WalletCode;

/** The stores the phone keeps in SQLite, in memory, for JVM tests. Thread-safe (every method synchronised). */
public final class MemoryStores implements CodeStore, ResultOutbox, NoticeStore, SupplierKeys.Cache {

    private final Map<String, WalletCode> codes = new LinkedHashMap<>();
    private final List<RefusedMessage> refused = new ArrayList<>();
    private final List<PendingResult> results = new ArrayList<>();
    private final Map<String, SignedNotice> notices = new LinkedHashMap<>();
    private String jwks;
    private long seq;

    @Override
    public synchronized boolean insert(WalletCode code) {
        return codes.putIfAbsent(code.id(), code) == null;
    }

    @Override
    public synchronized void update(WalletCode code) {
        codes.put(code.id(), code);
    }

    @Override
    public synchronized Optional<WalletCode> find(String id) {
        return Optional.ofNullable(codes.get(id));
    }

    @Override
    public synchronized List<WalletCode> all() {
        return new ArrayList<>(codes.values());
    }

    @Override
    public synchronized void recordRefused(RefusedMessage message) {
        refused.add(0, message);
    }

    @Override
    public synchronized List<RefusedMessage> refused() {
        return new ArrayList<>(refused);
    }

    @Override
    public synchronized void dismissRefused() {
        refused.clear();
    }

    @Override
    public synchronized void add(PendingResult result) {
        results.add(
                new PendingResult(++seq, result.codeId(), result.outcome(), result.resultId(), result.recordedAt()));
    }

    @Override
    public synchronized List<PendingResult> pending() {
        return new ArrayList<>(results);
    }

    @Override
    public synchronized void remove(long seqToRemove) {
        results.removeIf(r -> r.seq() == seqToRemove);
    }

    @Override
    public synchronized boolean insert(SignedNotice notice) {
        return notices.putIfAbsent(notice.id(), notice) == null;
    }

    @Override
    public synchronized List<SignedNotice> notices() {
        return new ArrayList<>(notices.values());
    }

    @Override
    public synchronized void delete(String id) {
        notices.remove(id);
    }

    @Override
    public synchronized String load() {
        return jwks;
    }

    @Override
    public synchronized void save(String jwkSetJson) {
        jwks = jwkSetJson;
    }
}
