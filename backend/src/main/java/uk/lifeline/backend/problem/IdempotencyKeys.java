package uk.lifeline.backend.problem;

/** What the API says about the Idempotency-Key header, in one place. Stateless. */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_LENGTH = 200;
    public static final String MISSING =
            "send an Idempotency-Key header (e.g. a UUID) so a retried request" + " cannot issue a second code";

    private IdempotencyKeys() {}

    /** @throws ApiException when the header is missing, blank or too long */
    public static String require(String value) {
        if (value == null || value.isBlank()) {
            throw new ApiException(ProblemType.MISSING_IDEMPOTENCY_KEY, MISSING);
        }
        if (value.length() > MAX_LENGTH || !value.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ApiException.field(
                    ProblemType.VALIDATION, HEADER, "must be 1 to " + MAX_LENGTH + " visible ASCII characters", null);
        }
        return value;
    }
}
