package uk.lifeline.app.supplier;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import uk.lifeline.app.trust.TrustAnchor;

/**
 * A supplier the app serves, as its bundled, anchor-signed configuration says: the supplier's code (as envelopes
 * name it), its name, the Lifeline service's HTTPS base URL, the numbers to call, its opening hours in English
 * and Welsh, the keypad guides it wrote for the displays and meters its customers have, and the trust anchor its
 * envelope key set must be signed by. Immutable.
 *
 * @param offSupplyPhone the number for a customer who is off supply (the support number when the supplier has no
 *     separate line)
 * @param hours the opening hours in the supplier's own words, by language ({@code en}, {@code cy})
 * @param keypads how to reach code entry, per display or meter model, in the configuration's order; empty when the
 *     supplier gave none (the app's generic words then stand alone)
 */
public record SupplierConfig(
        String code,
        String name,
        String service,
        String phone,
        String offSupplyPhone,
        Map<String, String> hours,
        List<KeypadGuide> keypads,
        TrustAnchor anchor) {

    public SupplierConfig {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(offSupplyPhone, "offSupplyPhone");
        hours = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(hours));
        keypads = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(keypads));
        Objects.requireNonNull(anchor, "anchor");
    }

    /** The opening hours in this language ({@code en} or {@code cy}), else in English. */
    public String hours(String language) {
        String words = hours.get(language);
        return words != null ? words : hours.get("en");
    }

    /** The guide for this model, or null when the supplier wrote none for it. */
    public KeypadGuide keypad(String model) {
        for (KeypadGuide guide : keypads) {
            if (guide.model().equals(model)) {
                return guide;
            }
        }
        return null;
    }
}
