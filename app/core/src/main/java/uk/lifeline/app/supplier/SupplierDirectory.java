package uk.lifeline.app.supplier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.lifeline.app.delivery.Json;
import uk.lifeline.app.trust.TrustAnchor;

/**
 * The suppliers this build of the app serves, read from the configuration bundled at build time: one compact JWS
 * per line, each of type {@value #CONFIG_TYPE}, ES256, signed by one of the trust anchors it lists (so its
 * words, numbers and service are the anchor holder's, and the APK's signature covers the bundle). Every supplier
 * uses the same Lifeline service; the customer's supplier is the one the activation code was made for, never
 * typed. Immutable.
 */
public final class SupplierDirectory {

    public static final String CONFIG_TYPE = "lifeline-supplier+jwt";

    /** Keypad guides one supplier may give: a choice a customer can read down, not a catalogue. */
    static final int MOST_KEYPADS = 12;

    private final Map<String, SupplierConfig> suppliers;
    private final String service;

    private SupplierDirectory(Map<String, SupplierConfig> suppliers, String service) {
        this.suppliers = suppliers;
        this.service = service;
    }

    /**
     * @param plainHttpAllowed a debug build may name a development service over plain HTTP; a release never
     * @throws IllegalArgumentException for a bundle that is empty, not signed by its anchors, or inconsistent
     */
    public static SupplierDirectory parse(String bundle, boolean plainHttpAllowed) {
        Map<String, SupplierConfig> suppliers = new LinkedHashMap<>();
        String service = null;
        for (String line : bundle.split("\n")) {
            String jws = line.trim();
            if (jws.isEmpty() || jws.startsWith("#")) {
                continue;
            }
            SupplierConfig config = verify(jws);
            if (!config.service().startsWith("https://")
                    && !(plainHttpAllowed && config.service().startsWith("http://"))) {
                throw new IllegalArgumentException(config.code() + "'s service is not HTTPS: " + config.service());
            }
            if (service != null && !service.equals(config.service())) {
                throw new IllegalArgumentException(
                        "one app talks to one Lifeline service, not " + service + " and " + config.service());
            }
            if (suppliers.put(config.code(), config) != null) {
                throw new IllegalArgumentException(config.code() + " is configured twice");
            }
            service = config.service();
        }
        if (suppliers.isEmpty()) {
            throw new IllegalArgumentException("no supplier is configured");
        }
        return new SupplierDirectory(Collections.unmodifiableMap(suppliers), service);
    }

    /** The Lifeline service's base URL, where activation codes are redeemed. */
    public String service() {
        return service;
    }

    /** The supplier with this code, or null when this app does not serve it. */
    public SupplierConfig find(String code) {
        return suppliers.get(code);
    }

    /** The first supplier configured: the one whose name and number the app shows before activation. */
    public SupplierConfig first() {
        return suppliers.values().iterator().next();
    }

    public List<SupplierConfig> all() {
        return new ArrayList<>(suppliers.values());
    }

    private static SupplierConfig verify(String jws) {
        try {
            SignedJWT signed = SignedJWT.parse(jws);
            JWTClaimsSet claims = signed.getJWTClaimsSet();
            if (!JWSAlgorithm.ES256.equals(signed.getHeader().getAlgorithm())
                    || !new JOSEObjectType(CONFIG_TYPE)
                            .equals(signed.getHeader().getType())) {
                throw new IllegalArgumentException("a supplier configuration is an ES256 " + CONFIG_TYPE);
            }
            String code = claims.getSubject();
            List<ECKey> anchors = new ArrayList<>();
            for (JWK key : JWKSet.parse(claims.getJSONObjectClaim("anchors")).getKeys()) {
                anchors.add(key.toECKey().toPublicJWK());
            }
            TrustAnchor anchor = new TrustAnchor(code, anchors);
            ECKey signer = null;
            for (ECKey a : anchor.anchors()) {
                if (a.getKeyID().equals(signed.getHeader().getKeyID())) {
                    signer = a;
                }
            }
            if (signer == null || !signed.verify(new ECDSAVerifier(signer))) {
                throw new IllegalArgumentException(code + "'s configuration is not signed by its trust anchor");
            }
            Map<String, Object> phones = claims.getJSONObjectClaim("phones");
            Map<String, Object> hoursClaim = claims.getJSONObjectClaim("hours");
            if (code == null || phones == null || hoursClaim == null) {
                throw new IllegalArgumentException("a supplier configuration needs sub, phones and hours");
            }
            Map<String, String> hours = new LinkedHashMap<>();
            for (String language : hoursClaim.keySet()) {
                hours.put(language, Json.text(hoursClaim, language));
            }
            if (!hours.containsKey("en") || !hours.containsKey("cy")) {
                throw new IllegalArgumentException(code + "'s opening hours need English (en) and Welsh (cy)");
            }
            String support = Json.text(phones, "support");
            String offSupply = Json.optionalText(phones, "offSupply");
            return new SupplierConfig(
                    code,
                    required(claims, "name"),
                    required(claims, "service"),
                    support,
                    offSupply == null ? support : offSupply,
                    hours,
                    keypads(code, claims.getClaim("keypads")),
                    anchor);
        } catch (ParseException | JOSEException | NullPointerException | ClassCastException e) {
            throw new IllegalArgumentException("a supplier configuration does not parse: " + e.getMessage(), e);
        }
    }

    /** The optional {@code keypads} claim: a list of {@code {model, en, cy}}, each model once, at most a screenful. */
    private static List<KeypadGuide> keypads(String code, Object claim) {
        if (claim == null) {
            return Collections.emptyList();
        }
        if (!(claim instanceof List<?> list) || list.size() > MOST_KEYPADS) {
            throw new IllegalArgumentException(code + "'s keypads are a list of at most " + MOST_KEYPADS + " guides");
        }
        List<KeypadGuide> guides = new ArrayList<>();
        Set<String> models = new HashSet<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> guide)) {
                throw new IllegalArgumentException(code + "'s keypad guide is not an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) guide;
            Map<String, String> steps = new LinkedHashMap<>();
            steps.put("en", Json.optionalText(fields, "en"));
            steps.put("cy", Json.optionalText(fields, "cy"));
            KeypadGuide read = new KeypadGuide(Json.optionalText(fields, "model"), steps);
            if (!models.add(read.model())) {
                throw new IllegalArgumentException(code + " has two keypad guides for " + read.model());
            }
            guides.add(read);
        }
        return guides;
    }

    private static String required(JWTClaimsSet claims, String name) throws ParseException {
        String value = claims.getStringClaim(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a supplier configuration needs " + name);
        }
        return value;
    }
}
