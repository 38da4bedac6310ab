package uk.lifeline.backend.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;

/**
 * A position in a customer's codes, newest first: the issue time and id of the last code a page showed, as
 * opaque URL-safe text. Immutable.
 */
record MyCodesCursor(Instant issuedAt, UUID id) {

    String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((issuedAt + "|" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws ApiException for text that is not a cursor this API made */
    static MyCodesCursor decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII).split("\\|");
            return new MyCodesCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw ApiException.field(ProblemType.VALIDATION, "cursor", "not a cursor from this API", null);
        }
    }
}
