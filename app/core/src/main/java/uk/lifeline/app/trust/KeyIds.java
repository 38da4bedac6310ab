package uk.lifeline.app.trust;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The backend's key ids, {@code <owner>-<yyyyMMdd>-<8 hex digits>}: the owner is a supplier's code for envelope
 * keys and {@code backend} for its sign-in keys. The app accepts an envelope only under a key its supplier owns.
 * Stateless.
 */
final class KeyIds {

    private static final Pattern KID = Pattern.compile("(.+)-[0-9]{8}-[0-9a-fA-F]{8}");

    private KeyIds() {}

    /** The owner part of a key id, or null when the id is not in the backend's form. */
    static String owner(String kid) {
        if (kid == null) {
            return null;
        }
        Matcher m = KID.matcher(kid);
        return m.matches() ? m.group(1) : null;
    }
}
