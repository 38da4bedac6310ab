package uk.lifeline.backend.testing;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.commissioning.InstallCode;
import uk.lifeline.backend.customer.SupplyPointNumbers;
import uk.lifeline.backend.demo.DemoMeterKeys;
import uk.lifeline.backend.demo.SeedWriter;
import uk.lifeline.calendar.MeterTime;
import uk.lifeline.code.Pem;

/**
 * Premises for install-code tests, made over the API as suppliers would: one supplier installs meters and a PPMID
 * left without WAN (recording each install with its install code), and another gains the premises.
 */
public final class Installs {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A premises: its meters' EUI-64s and MPANs, the PPMID, and the install codes recorded. Immutable. */
    public record Premises(
            List<String> meters, List<String> mpans, String ppmid, Map<String, String> codes, String accountNumber) {}

    private final SeedWriter seed;
    private final WebTestClient http;

    public Installs(SeedWriter seed, WebTestClient http) {
        this.seed = seed;
        this.http = http;
    }

    /** A fresh install code (16 bytes and their CRC), grouped in fours as a reveal shows it. */
    public static String newCode() {
        byte[] code = new byte[16];
        RANDOM.nextBytes(code);
        return InstallCode.withCrc(code).grouped();
    }

    public static String randomEui() {
        return String.format(Locale.ROOT, "%016X", ThreadLocalRandom.current().nextLong() & 0x7FFFFFFFFFFFFFFFL);
    }

    public static String randomMpan() {
        return SupplyPointNumbers.mpanWithCheckDigit(String.format(
                Locale.ROOT, "%012d", ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L)));
    }

    /**
     * A premises of {@code installer} with {@code meters} ESMEs and a PPMID, installed and left, each install
     * recorded (by its operations user) with a code when {@code withRecords}.
     */
    public Premises installed(Tenant installer, int meters, String reason, LocalDate on, boolean withRecords) {
        UUID account = UUID.randomUUID();
        UUID premises = UUID.randomUUID();
        String accountNumber =
                installer.code + "-ACC-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> euis = new ArrayList<>();
        List<String> mpans = new ArrayList<>();
        Mono<Void> work = seed.customer(account, installer.supplierId, accountNumber, "Nadia Khan", "07700900010")
                .then(seed.premises(premises, installer.supplierId, account, "5 Cathedral View, Durham", "DH1 5CD"));
        for (int i = 0; i < meters; i++) {
            String eui = randomEui();
            String mpan = randomMpan();
            UUID sp = UUID.randomUUID();
            euis.add(eui);
            mpans.add(mpan);
            work = work.then(seed.supplyPoint(sp, installer.supplierId, premises, "ELECTRICITY", mpan))
                    .then(seed.device(
                            UUID.randomUUID(),
                            installer.supplierId,
                            premises,
                            sp,
                            eui,
                            "ESME",
                            Pem.encode(DemoMeterKeys.generate().getPublic()),
                            "INSTALL_AND_LEAVE"));
        }
        String ppmid = randomEui();
        work.then(seed.device(
                        UUID.randomUUID(),
                        installer.supplierId,
                        premises,
                        null,
                        ppmid,
                        "PPMID",
                        null,
                        "INSTALL_AND_LEAVE"))
                .block();
        Map<String, String> codes = new java.util.HashMap<>();
        if (withRecords) {
            String ops = installer.token("ops");
            List<String> all = new ArrayList<>(euis);
            all.add(ppmid);
            for (String eui : all) {
                String code = newCode();
                codes.put(eui, code);
                put(
                                ops,
                                "/api/v1/devices/" + eui + "/commissioning",
                                Map.of(
                                        "state",
                                        "INSTALLED_NOT_COMMISSIONED",
                                        "reason",
                                        reason,
                                        "installedOn",
                                        on.toString(),
                                        "installCode",
                                        code))
                        .expectStatus()
                        .isOk();
            }
        }
        return new Premises(euis, mpans, ppmid, codes, accountNumber);
    }

    /** {@code gainer} takes the premises over from {@code loser}; returns the switch's JSON. */
    public Map<?, ?> gain(Tenant gainer, Tenant loser, Premises p) {
        return http.post()
                .uri("/api/v1/change-of-supplier")
                .headers(h -> h.setBearerAuth(gainer.token("ops")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "losingSupplier",
                        loser.code,
                        "mpxns",
                        List.of(p.mpans().get(0)),
                        "effectiveOn",
                        LocalDate.now(MeterTime.ZONE).toString(),
                        "account",
                        Map.of("accountNumber", gainer.code + "-" + p.accountNumber(), "name", "Nadia Khan")))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    public WebTestClient.ResponseSpec put(String token, String path, Object body) {
        return http.put()
                .uri(path)
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }
}
