package uk.lifeline.backend.testing;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.customer.SupplyPointNumbers;
import uk.lifeline.backend.demo.DemoMeterKeys;
import uk.lifeline.backend.demo.SeedWriter;
import uk.lifeline.backend.keys.KeyPurpose;
import uk.lifeline.backend.keys.KeyRing;
import uk.lifeline.code.CodeKey;
import uk.lifeline.code.Eui64;
import uk.lifeline.code.Pem;
import uk.lifeline.meter.DecoderSettings;
import uk.lifeline.meter.MeterCodeState;
import uk.lifeline.meter.ReferenceMeterDecoder;

/**
 * A supplier made for one test: staff of every role (two agents, two supervisors), two customers with their
 * own sign-ins, and meters whose private keys the test holds, so it can play the meter with the shared
 * module's {@link ReferenceMeterDecoder}.
 *
 * <p>Customer 1 has an ESME ({@link #meter1}), a GSME ({@link #gas1}) and a PPMID ({@link #ppmid1}); customer
 * 2 has an ESME ({@link #meter2}).
 */
public final class Tenant {

    public static final String PASSWORD = "test-password";
    private static String passwordHash;

    public final String code;
    public final UUID supplierId;
    public final Eui64 originator;
    public final UUID customer1 = UUID.randomUUID();
    public final UUID customer2 = UUID.randomUUID();
    public final String meter1 = randomEui();
    public final String gas1 = randomEui();
    public final String ppmid1 = randomEui();
    public final String meter2 = randomEui();
    public final String mpan1;
    public final String mprn1;
    private final Map<String, KeyPair> meterKeys = new HashMap<>();
    private final Map<String, UUID> userIds = new HashMap<>();
    private final KeyRing keys;
    private final WebTestClient http;

    private Tenant(String code, KeyRing keys, WebTestClient http) {
        this.code = code;
        this.supplierId = UUID.randomUUID();
        this.originator = Eui64.parse(randomEui());
        this.keys = keys;
        // As long as BackendTest's own requests allow: a first sign-in while other contexts start took over 5 s.
        this.http = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        this.mpan1 = SupplyPointNumbers.mpanWithCheckDigit(String.format(
                Locale.ROOT, "%012d", ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L)));
        this.mprn1 = SupplyPointNumbers.mprnWithCheckDigits(
                String.format(Locale.ROOT, "%08d", ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999)));
    }

    static Tenant create(SeedWriter seed, PasswordEncoder passwords, KeyRing keys, WebTestClient http, String code) {
        synchronized (Tenant.class) {
            if (passwordHash == null) {
                passwordHash = passwords.encode(PASSWORD);
            }
        }
        Tenant t = new Tenant(code, keys, http);
        UUID premises1 = UUID.randomUUID();
        UUID premises2 = UUID.randomUUID();
        UUID sp1 = UUID.randomUUID();
        UUID sp2 = UUID.randomUUID();
        UUID sp3 = UUID.randomUUID();
        String mpan2 = SupplyPointNumbers.mpanWithCheckDigit(String.format(
                Locale.ROOT, "%012d", ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L)));
        Mono<Void> all = seed.supplier(t.supplierId, code, "Supplier " + code, t.originator.toString())
                .then(seed.customer(t.customer1, t.supplierId, code + "-ACC-1", "Carol " + code + " Jones", null))
                .then(seed.customer(t.customer2, t.supplierId, code + "-ACC-2", "Colin " + code + " Patel", null))
                .then(t.staff(seed, "agent", "AGENT"))
                .then(t.staff(seed, "agent2", "AGENT"))
                .then(t.staff(seed, "supervisor", "SUPERVISOR"))
                .then(t.staff(seed, "supervisor2", "SUPERVISOR"))
                .then(t.staff(seed, "ops", "OPS"))
                .then(t.staff(seed, "admin", "ADMIN"))
                .then(t.customerUser(seed, "customer1", t.customer1))
                .then(t.customerUser(seed, "customer2", t.customer2))
                .then(seed.premises(premises1, t.supplierId, t.customer1, "1 Test Street", "LS6 2AB"))
                .then(seed.premises(premises2, t.supplierId, t.customer2, "2 Test Street", "YO21 3AA"))
                .then(seed.supplyPoint(sp1, t.supplierId, premises1, "ELECTRICITY", t.mpan1))
                .then(seed.supplyPoint(sp2, t.supplierId, premises1, "GAS", t.mprn1))
                .then(seed.supplyPoint(sp3, t.supplierId, premises2, "ELECTRICITY", mpan2))
                .then(t.meter(seed, premises1, sp1, t.meter1, "ESME"))
                .then(t.meter(seed, premises1, sp2, t.gas1, "GSME"))
                .then(seed.device(UUID.randomUUID(), t.supplierId, premises1, null, t.ppmid1, "PPMID", null, "NO_WAN"))
                .then(t.meter(seed, premises2, sp3, t.meter2, "ESME"));
        all.block();
        return t;
    }

    private Mono<Void> staff(SeedWriter seed, String name, String role) {
        UUID id = UUID.randomUUID();
        userIds.put(name, id);
        return seed.user(id, supplierId, username(name), passwordHash, name, role, null);
    }

    private Mono<Void> customerUser(SeedWriter seed, String name, UUID account) {
        UUID id = UUID.randomUUID();
        userIds.put(name, id);
        return seed.user(id, supplierId, username(name), passwordHash, name, "CUSTOMER", account);
    }

    private Mono<Void> meter(SeedWriter seed, UUID premises, UUID supplyPoint, String eui, String type) {
        KeyPair pair = DemoMeterKeys.generate();
        meterKeys.put(eui, pair);
        return seed.device(
                UUID.randomUUID(),
                supplierId,
                premises,
                supplyPoint,
                eui,
                type,
                Pem.encode(pair.getPublic()),
                "NO_WAN");
    }

    public String username(String name) {
        return code + "." + name;
    }

    public UUID userId(String name) {
        return userIds.get(name);
    }

    /** Signs in over HTTP and returns the access token. */
    public String token(String name) {
        Map<?, ?> body = http.post()
                .uri("/api/v1/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username(name), "password", PASSWORD))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (String) body.get("access_token");
    }

    /** A factory-fresh reference meter for one of this tenant's meters, holding its private key. */
    public ReferenceMeterDecoder meter(String eui) {
        try {
            CodeKey key = CodeKey.agree(
                    meterKeys.get(eui).getPrivate(),
                    keys.current(code, KeyPurpose.PREPAYMENT_KA).publicKey(),
                    originator,
                    Eui64.parse(eui));
            return new ReferenceMeterDecoder(
                    key, DecoderSettings.DEFAULTS, MeterCodeState.FACTORY_FRESH, Clock.systemUTC());
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomEui() {
        return String.format(Locale.ROOT, "%016X", ThreadLocalRandom.current().nextLong() & 0x7FFFFFFFFFFFFFFFL);
    }
}
