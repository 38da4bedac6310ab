package uk.lifeline.app.wallet;

/** What became of one received envelope. */
public enum Receipt {
    /** Verified and new: now in the wallet. */
    ADDED,
    /** Verified, and the wallet had it already (it came by another channel too). */
    ALREADY_HAD,
    /** Failed verification: refused, recorded, and the customer is warned. */
    REFUSED,
    /** Could not be checked now (the supplier's keys cannot be fetched): it will come again on the next sync. */
    RETRY_LATER
}
