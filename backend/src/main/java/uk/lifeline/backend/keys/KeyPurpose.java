package uk.lifeline.backend.keys;

/** What a key is for; each purpose has its own keys, so no key ever serves two. */
public enum KeyPurpose {
    /** The backend's own ES256 key for the sign-in tokens it issues. Owner: {@code backend}. */
    TOKEN_SIGNING("token-signing"),
    /** A supplier's GBCS prepayment top-up key-agreement key (P-256 ECDH with each meter). Owner: the supplier. */
    PREPAYMENT_KA("prepayment-ka"),
    /** A supplier's ES256 key for signing code envelopes. Owner: the supplier. */
    ENVELOPE_SIGNING("envelope-signing"),
    /**
     * A supplier's trust anchor: signs its envelope key set, and its public part is bundled in the customer app.
     * Held here only in development and the demo; in production it stays offline with the supplier, and the
     * backend serves a key set the supplier signed ({@link KeySetController}). Owner: the supplier.
     */
    TRUST_ANCHOR("trust-anchor");

    private final String folder;

    KeyPurpose(String folder) {
        this.folder = folder;
    }

    /** The folder name, and the middle part of a keystore alias. */
    public String folder() {
        return folder;
    }
}
