package uk.lifeline.backend.auth;

/** What a signed-in person may do. Every user has one role and belongs to one supplier. */
public enum Role {
    /** A customer: their own account's codes only. */
    CUSTOMER,
    /** A call-centre agent: their supplier's customers; issues within limits. */
    AGENT,
    /** Approves codes others asked for; higher limits. */
    SUPERVISOR,
    /** Operations: campaigns (a later issue), reading codes and the audit log. */
    OPS,
    /** Administration: reading codes, the audit log and metrics. */
    ADMIN;

    /** The Spring Security authority, e.g. {@code ROLE_AGENT}. */
    public String authority() {
        return "ROLE_" + name();
    }
}
