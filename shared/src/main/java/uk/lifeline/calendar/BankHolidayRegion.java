package uk.lifeline.calendar;

/**
 * The three bank-holiday divisions of the UK, as GOV.UK names them. A meter is configured with the one its premises
 * is in. Code = GOV.UK's division name; never change one. Immutable and thread-safe.
 */
public enum BankHolidayRegion {
    ENGLAND_AND_WALES("england-and-wales"),
    SCOTLAND("scotland"),
    NORTHERN_IRELAND("northern-ireland");

    private final String division;

    BankHolidayRegion(String division) {
        this.division = division;
    }

    /** GOV.UK's division name, e.g. {@code england-and-wales}. */
    public String division() {
        return division;
    }

    /** @throws IllegalArgumentException naming the three divisions (never falls back to a default) */
    public static BankHolidayRegion fromDivision(String division) {
        for (BankHolidayRegion region : values()) {
            if (region.division.equals(division)) {
                return region;
            }
        }
        throw new IllegalArgumentException("unknown bank-holiday division '" + division
                + "'; expected england-and-wales, scotland or northern-ireland");
    }
}
