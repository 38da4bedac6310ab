package uk.lifeline.backend.followup;

/** How long a device has waited since it was installed, as DP255 follow-up groups it. Stored nowhere; stable names. */
enum AgeBand {
    UNDER_30,
    DAYS_30_TO_89,
    DAYS_90_PLUS,
    UNKNOWN;

    /** @param ageDays days since the install date, or null when no install date is recorded */
    static AgeBand of(Long ageDays) {
        if (ageDays == null) {
            return UNKNOWN;
        }
        return ageDays < 30 ? UNDER_30 : ageDays < 90 ? DAYS_30_TO_89 : DAYS_90_PLUS;
    }
}
