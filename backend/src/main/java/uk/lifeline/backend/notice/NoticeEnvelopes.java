package uk.lifeline.backend.notice;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.springframework.stereotype.Component;
import uk.lifeline.backend.keys.KeyRing;
import uk.lifeline.backend.ledger.Envelopes;
import uk.lifeline.backend.tenant.Supplier;

/**
 * Signs a notice for one customer: a compact JWS (ES256, {@code typ} {@value #TYPE}) with the supplier's envelope
 * key, as the app verifies it: {@code iss} supplier code, {@code jti} notice id, {@code iat}, {@code exp} (the
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

    public String sign(
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
        return Envelopes.signWith(keys, supplier, TYPE, claims);
    }
}
