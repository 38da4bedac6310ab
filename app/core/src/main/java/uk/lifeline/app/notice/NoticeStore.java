package uk.lifeline.app.notice;

import java.util.List;
import uk.lifeline.app.trust.SignedNotice;

/** Where verified notices are kept until they end: SQLite on the phone, a map in tests. Thread-safe. */
public interface NoticeStore {

    /** Keeps a notice unless one with its id is kept already; returns whether it was added. */
    boolean insert(SignedNotice notice);

    List<SignedNotice> notices();

    void delete(String id);
}
