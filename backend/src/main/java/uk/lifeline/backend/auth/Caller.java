package uk.lifeline.backend.auth;

import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is asking, from their verified token: user, supplier, role and (for a customer) their account. Every
 * query the backend runs for a request is scoped by {@link #supplierId()}. Immutable.
 */
public record Caller(UUID userId, UUID supplierId, Role role, UUID customerAccountId) {

    public static final String SUPPLIER_CLAIM = "supplier";
    public static final String ROLES_CLAIM = "roles";
    public static final String CUSTOMER_CLAIM = "customer";

    /** Reads the claims the token validators have already checked are present and well-formed. */
    public static Caller of(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList(ROLES_CLAIM);
        String customer = jwt.getClaimAsString(CUSTOMER_CLAIM);
        return new Caller(
                UUID.fromString(jwt.getSubject()),
                UUID.fromString(jwt.getClaimAsString(SUPPLIER_CLAIM)),
                Role.valueOf(roles.get(0)),
                customer == null ? null : UUID.fromString(customer));
    }

    public boolean isCustomer() {
        return role == Role.CUSTOMER;
    }
}
