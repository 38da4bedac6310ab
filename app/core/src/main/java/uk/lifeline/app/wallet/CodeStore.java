package uk.lifeline.app.wallet;

import java.util.List;
import java.util.Optional;

/**
 * Where the wallet keeps its codes and the messages it refused: SQLite on the phone, a map in tests.
 * Implementations are thread-safe.
 */
public interface CodeStore {

    /** Adds a code unless one with its id is kept already; returns whether it was added. */
    boolean insert(WalletCode code);

    /** Replaces the kept code with the same id. */
    void update(WalletCode code);

    Optional<WalletCode> find(String id);

    /** Every code kept, in no particular order. */
    List<WalletCode> all();

    void recordRefused(RefusedMessage message);

    /** Refused messages the customer has not dismissed, newest first. */
    List<RefusedMessage> refused();

    void dismissRefused();
}
