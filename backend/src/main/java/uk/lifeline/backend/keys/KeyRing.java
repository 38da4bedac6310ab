package uk.lifeline.backend.keys;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every private key the backend holds, by owner ({@code backend} or a supplier's code) and purpose, read once
 * from the configured {@link KeySource} and kept. A key that is missing is generated and stored when
 * {@code lifeline.keys.generate-missing} is on (the embedded default), and is an error otherwise. Thread-safe.
 */
@Component
public class KeyRing {

    public static final String BACKEND = "backend";
    private static final Logger log = LoggerFactory.getLogger(KeyRing.class);

    private final KeySource source;
    private final boolean generateMissing;
    private final Clock clock;
    private final ConcurrentMap<String, List<EcKeyPair>> keys = new ConcurrentHashMap<>();

    public KeyRing(KeyProperties properties, Clock clock) {
        this.source = properties.keystore() != null
                ? new KeystoreKeySource(properties.keystore(), properties.keystorePassword())
                : new FolderKeySource(properties.dir());
        this.generateMissing = properties.generateMissing();
        this.clock = clock;
    }

    /** All keys of an owner and purpose, oldest first; never empty. */
    public List<EcKeyPair> all(String owner, KeyPurpose purpose) {
        return keys.computeIfAbsent(owner + "/" + purpose.folder(), k -> loadOrGenerate(owner, purpose));
    }

    /** The newest key: the one that signs or agrees now. */
    public EcKeyPair current(String owner, KeyPurpose purpose) {
        List<EcKeyPair> all = all(owner, purpose);
        return all.get(all.size() - 1);
    }

    private List<EcKeyPair> loadOrGenerate(String owner, KeyPurpose purpose) {
        List<EcKeyPair> found = source.load(owner, purpose);
        if (!found.isEmpty()) {
            return List.copyOf(found);
        }
        if (!generateMissing) {
            throw new IllegalStateException("no " + purpose.folder() + " key for " + owner + " in the "
                    + source.describe() + ", and lifeline.keys.generate-missing is off");
        }
        EcKeyPair fresh = EcKeyPair.generate(owner, LocalDate.now(clock));
        source.store(owner, purpose, fresh);
        log.info("Generated a new {} key {} in the {}", purpose.folder(), fresh.kid(), source.describe());
        return List.of(fresh);
    }
}
