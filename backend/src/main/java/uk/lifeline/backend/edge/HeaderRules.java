package uk.lifeline.backend.edge;

/**
 * What a request header may hold, in one place: the edge filter checks every header against these rules before
 * anything else reads one, and Spring Security's firewall checks each header it is asked for against the same rules
 * ({@link FirewallConfig}). Hand-written loops, not regular expressions: the firewall's own patterns test every
 * character of every header it is asked for, and a bearer token is hundreds of characters read more than once a
 * request.
 */
final class HeaderRules {

    private HeaderRules() {}

    /** RFC 9110 token characters, at least one. */
    static boolean name(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * No control character (C0, DEL, C1) other than horizontal tab, and no unassigned code point: the same set as
     * Spring Security's default header-value pattern, which {@code HeaderRulesTest} checks code point by code point.
     * An absent header (null: the firewall asks about headers a request does not have) holds nothing wrong.
     */
    static boolean value(String value) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); ) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                i++; // printable ASCII: nearly every character of every header
                continue;
            }
            int codePoint = value.codePointAt(i);
            int type = Character.getType(codePoint);
            if (codePoint != '\t' && (type == Character.CONTROL || type == Character.UNASSIGNED)) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
