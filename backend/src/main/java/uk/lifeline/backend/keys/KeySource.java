package uk.lifeline.backend.keys;

import java.util.List;

/** Where private keys are read from (and, for the embedded default, written to). Thread-safe. */
interface KeySource {

    /** Every key of one owner and purpose, oldest first; empty when there are none. */
    List<EcKeyPair> load(String owner, KeyPurpose purpose);

    /** Stores a freshly generated key, or refuses if this source is read-only. */
    void store(String owner, KeyPurpose purpose, EcKeyPair key);

    /** Where the keys are, for messages (never the keys). */
    String describe();
}
