package uk.lifeline.backend.ledger;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;
import uk.lifeline.backend.keys.EcKeyPair;
import uk.lifeline.backend.keys.KeyPurpose;
import uk.lifeline.backend.keys.KeyRing;
import uk.lifeline.backend.meter.Meter;
import uk.lifeline.backend.tenant.Supplier;
import uk.lifeline.code.CodeKey;
import uk.lifeline.code.Pem;

/**
 * The {@link CodeKey} for each supplier-meter pair: the ECDH agreement runs once per pair, then the key is
 * kept. Keyed by the meter's public key and the supplier's key id too, so a re-keyed meter or a rotated supplier
 * key gets a fresh agreement. Bounded: when full it forgets everything. Thread-safe.
 */
@Component
public class MeterKeys {

    private static final int CAPACITY = 200_000;

    private record Pair(String supplierKid, String meterPublicKey, String meter) {}

    private final KeyRing keys;
    private final ConcurrentMap<Pair, CodeKey> agreed = new ConcurrentHashMap<>();

    public MeterKeys(KeyRing keys) {
        this.keys = keys;
    }

    public CodeKey forMeter(Supplier supplier, Meter meter) {
        EcKeyPair supplierKey = keys.current(supplier.code(), KeyPurpose.PREPAYMENT_KA);
        Pair pair =
                new Pair(supplierKey.kid(), meter.publicKeyPem(), meter.eui64().toString());
        CodeKey key = agreed.get(pair);
        if (key != null) {
            return key;
        }
        if (agreed.size() >= CAPACITY) {
            agreed.clear();
        }
        return agreed.computeIfAbsent(pair, p -> agree(supplier, meter, supplierKey));
    }

    private static CodeKey agree(Supplier supplier, Meter meter, EcKeyPair supplierKey) {
        try {
            PublicKey meterKey = Pem.publicKey(meter.publicKeyPem());
            return CodeKey.agree(supplierKey.privateKey(), meterKey, supplier.originatorId(), meter.eui64());
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("meter " + meter.eui64() + " has a key that is not P-256", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("meter " + meter.eui64() + " has an unreadable public key", e);
        }
    }
}
