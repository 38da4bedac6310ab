package uk.lifeline.backend.notice;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import uk.lifeline.backend.keys.KeyRing;
import uk.lifeline.backend.ledger.Envelopes;
import uk.lifeline.backend.tenant.Supplier;

/**
 * Signs notices, one per customer, as envelopes of {@code typ} {@value #TYPE} under the supplier's envelope key,
 * a page's notices under one signature as codes are ({@link Envelopes}), as the app verifies them: {@code iss} supplier code, {@code jti} notice id, {@code iat}, {@code exp} (the
 * end), {@code customer}, {@code kind} {@value #NON_DISCONNECT}, {@code from} and {@code until} (seconds since
 * the epoch), and the words shown, {@code title} and {@code message}. Thread-safe.
 */
@Component
public class NoticeEnvelopes {

    public static final String TYPE = "lifeline-notice+jwt";
    public static final String NON_DISCONNECT = "non-disconnect";

    private final KeyRing keys;

    public NoticeEnvelopes(KeyRing keys) {
        this.keys = keys;
    }

    /** These leaves' envelopes, in their order, under one signature. */
    public List<String> sign(Supplier supplier, List<String> leaves) {
        return Envelopes.signBatch(keys, supplier, leaves);
    }

    /** One customer's notice as a leaf of a batch. Thread-safe. */
    public String leaf(
            Supplier supplier,
            UUID notice,
            UUID customer,
            Instant from,
            Instant until,
            String title,
            String message,
            Instant now) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(supplier.code())
                .jwtID(notice.toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(until))
                .claim("customer", customer.toString())
                .claim("kind", NON_DISCONNECT)
                .claim("from", from.getEpochSecond())
                .claim("until", until.getEpochSecond())
                .claim("title", title)
                .claim("message", message)
                .build();
        return Envelopes.leaf(TYPE, claims);
    }
}
