import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.KeyAgreement;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * Drives one campaign benchmark against a running backend whose pushes go to {@link FakeFcmServer}, and reports
 * meters per second, messages per second, memory and the per-meter crypto floor, each with the load average.
 * Run with the JDK's source launcher (backend/load/campaign-bench.sh does all of it):
 *
 * <pre>java backend/load/CampaignBench.java BACKEND_URL FAKE_FCM_URL BACKEND_PID METERS KIND DISTRICT</pre>
 *
 * KIND is {@code notice} (a non-disconnect code and the notice: two messages per meter), {@code price} (a
 * change-price code: one message per meter) or {@code floor} (no campaign: the per-meter crypto floor alone).
 */
public final class CampaignBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        if (args[4].equals("floor")) {
            floor();
            return;
        }
        String base = args[0];
        String fcm = args[1];
        long pid = Long.parseLong(args[2]);
        long meters = Long.parseLong(args[3]);
        String kind = args[4];
        String district = args[5];
        String token = signIn(base, "olly.ops", "demo-password");
        long messagesBefore = fcmCount(fcm);
        // Each phone is told of each code and of the notice; a notice and its code may go as one FCM message.
        long deliveries = meters * (kind.equals("notice") ? 2 : 1);

        System.out.printf(Locale.ROOT, "== %s campaign over %d no-WAN meters, %d deliveries to phones; load %s%n", kind,
                meters, deliveries, load());
        Instant start = Instant.now();
        String created = post(base, kind.equals("notice") ? "/api/v1/notices" : "/api/v1/price-changes", token,
                body(kind, district));
        String id = field(created, "id");
        long total = Long.parseLong(field(created, "total"));
        System.out.printf(Locale.ROOT, "campaign %s created in %d ms with %d meters%n", id,
                Duration.between(start, Instant.now()).toMillis(), total);

        long maxHeap = 0;
        long maxRss = 0;
        long minHeap = Long.MAX_VALUE;
        List<String> loads = new ArrayList<>();
        Instant coded = null;
        Instant pushed = null;
        long lastMessages = -1;
        Instant lastChange = Instant.now();
        String view = created;
        long heap = 0;
        for (int tick = 1; ; tick++) {
            Thread.sleep(1000);
            // The progress view counts over every target, code and delivery of the campaign: read every 5 s, as a
            // console would, so that the benchmark's own polling is not a PostgreSQL load of its own.
            if (tick % 5 == 0) {
                view = get(base, "/api/v1/campaigns/" + id, token);
            }
            long done = Long.parseLong(field(view, "coded")) + Long.parseLong(field(view, "failed"));
            long messages = fcmCount(fcm) - messagesBefore;
            // jcmd is a JVM of its own: every 5 s, so that sampling the heap is not a CPU load of its own.
            if (tick % 5 == 1) {
                heap = heapUsed(pid);
                maxHeap = Math.max(maxHeap, heap);
                minHeap = Math.min(minHeap, heap);
            }
            long rss = rss(pid);
            maxRss = Math.max(maxRss, rss);
            String l = load();
            loads.add(l);
            long seconds = Duration.between(start, Instant.now()).toSeconds();
            System.out.printf(Locale.ROOT, "t=%3ds coded %7d  pushed(messages) %7d  heap %4d MB  rss %4d MB  load %s%n",
                    seconds, done, messages, heap >> 20, rss >> 20, l);
            if (coded == null && !"RUNNING".equals(field(view, "status"))) {
                coded = Instant.parse(field(view, "finishedAt"));
            }
            if (messages != lastMessages) {
                lastMessages = messages;
                lastChange = Instant.now();
            }
            // Pushed: every delivery is out of PENDING (push health) and the fake FCM has taken nothing for 2 s.
            if (coded != null && Duration.between(lastChange, Instant.now()).toSeconds() >= 2
                    && Long.parseLong(field(get(base, "/actuator/health", token), "pending")) == 0) {
                pushed = lastChange;
            }
            if (coded != null && (pushed != null || Duration.between(lastChange, Instant.now()).toSeconds() > 30)) {
                break;
            }
        }
        double codeSeconds = Duration.between(start, coded).toMillis() / 1000.0;
        System.out.printf(Locale.ROOT, "RESULT %s: coded %d meters in %.1f s = %.0f meters/s (codes persisted with"
                + " audit and outbox rows)%n", kind, total, codeSeconds, total / codeSeconds);
        if (pushed != null) {
            double pushSeconds = Duration.between(start, pushed).toMillis() / 1000.0;
            System.out.printf(Locale.ROOT, "RESULT %s: all %d deliveries sent as %d FCM messages, the last taken by"
                    + " the fake FCM %.1f s after the start = %.0f meters/s end to end, %.0f messages/s%n", kind,
                    deliveries, lastMessages, pushSeconds, total / pushSeconds, lastMessages / pushSeconds);
        } else {
            System.out.printf(Locale.ROOT, "RESULT %s: stalled with deliveries pending after %d FCM messages%n", kind,
                    lastMessages);
        }
        System.out.printf(Locale.ROOT, "RESULT %s: backend heap used %d to %d MB, RSS at most %d MB; load averages"
                + " during the run %s .. %s%n", kind, minHeap >> 20, maxHeap >> 20, maxRss >> 20, loads.get(0),
                loads.get(loads.size() - 1));
    }

    /**
     * What each meter costs in crypto alone, as CPU time per operation (comparable on a shared machine) and as
     * operations per second of wall time on 1 and 2 threads: one ECDH agreement and one ES256 signature, each as
     * the backend does it ({@code keys.P256}: Bouncy Castle on one set of domain parameters, deterministic nonces)
     * and as the JDK does it.
     */
    static void floor() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair supplier = generator.generateKeyPair();
        int n = 3000;
        KeyPair[] meters = new KeyPair[n];
        for (int i = 0; i < n; i++) {
            meters[i] = generator.generateKeyPair();
        }
        byte[] claims = new byte[700];
        X9ECParameters p256 = CustomNamedCurves.getByName("secp256r1");
        ECDomainParameters domain = new ECDomainParameters(p256.getCurve(), p256.getG(), p256.getN(), p256.getH());
        ECPrivateKeyParameters bcKey = new ECPrivateKeyParameters(((ECPrivateKey) supplier.getPrivate()).getS(),
                domain);
        for (int threads : new int[] {1, 2}) {
            for (int warm = 0; warm < 2; warm++) {
                double[] ecdh = timed(threads, n, i -> {
                    java.security.spec.ECPoint w = ((ECPublicKey) meters[i].getPublic()).getW();
                    ECDHBasicAgreement agreement = new ECDHBasicAgreement();
                    agreement.init(bcKey);
                    agreement.calculateAgreement(new ECPublicKeyParameters(
                            domain.getCurve().validatePoint(w.getAffineX(), w.getAffineY()), domain));
                });
                double[] jdkEcdh = timed(threads, n, i -> {
                    KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
                    agreement.init(supplier.getPrivate());
                    agreement.doPhase(meters[i].getPublic(), true);
                    agreement.generateSecret();
                });
                double[] jdk = timed(threads, n, i -> {
                    Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
                    signature.initSign(supplier.getPrivate());
                    signature.update(claims);
                    signature.sign();
                });
                double[] bc = timed(threads, n, i -> {
                    SHA256Digest sha = new SHA256Digest();
                    sha.update(claims, 0, claims.length);
                    byte[] hash = new byte[32];
                    sha.doFinal(hash, 0);
                    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
                    signer.init(true, bcKey);
                    signer.generateSignature(hash);
                });
                if (warm == 1) {
                    System.out.printf(Locale.ROOT, "FLOOR %d thread(s): ECDH as the backend agrees %.0f/s (%.0f us CPU"
                            + " each; the JDK's: %.0f/s, %.0f us), ES256 as the backend signs %.0f/s (%.0f us CPU; the"
                            + " JDK's: %.0f/s, %.0f us); ECDH + one signature caps a campaign at %.0f meters/s, + two"
                            + " (a notice) at %.0f; without ECDH (secrets kept) one signature caps it at %.0f, two at"
                            + " %.0f; load %s%n", threads, ecdh[0], ecdh[1], jdkEcdh[0], jdkEcdh[1],
                            bc[0], bc[1], jdk[0], jdk[1], 1 / (1 / ecdh[0] + 1 / bc[0]),
                            1 / (1 / ecdh[0] + 2 / bc[0]), bc[0], bc[0] / 2, load());
                }
            }
        }
    }

    interface Step {
        void run(int i) throws Exception;
    }

    /** Runs {@code n} steps on {@code threads} threads: operations per second, and CPU microseconds per operation. */
    static double[] timed(int threads, int n, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        List<Future<Long>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int from = t * n / threads;
            int to = (t + 1) * n / threads;
            parts.add(pool.submit(() -> {
                long before = cpu.getCurrentThreadCpuTime();
                for (int i = from; i < to; i++) {
                    step.run(i);
                }
                return cpu.getCurrentThreadCpuTime() - before;
            }));
        }
        long cpuNanos = 0;
        for (Future<Long> part : parts) {
            cpuNanos += part.get();
        }
        pool.shutdown();
        return new double[] {n / ((System.nanoTime() - start) / 1e9), cpuNanos / 1e3 / n};
    }

    static String body(String kind, String district) {
        Instant from = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.HOURS);
        if (kind.equals("notice")) {
            return "{\"title\":\"Severe cold weather\",\"message\":\"Your supply will stay on.\",\"reason\":\"bench\","
                    + "\"area\":{\"districts\":[\"" + district + "\"]},\"startsAt\":\"" + from + "\",\"endsAt\":\""
                    + from.plus(Duration.ofDays(3)) + "\"}";
        }
        return "{\"command\":\"change-price\",\"parameters\":{\"unit-rate\":\"24.5\",\"standing-charge\":\"53.35\","
                + "\"from\":\"2027-04-01\"},\"fuel\":\"ELECTRICITY\",\"area\":{\"districts\":[\"" + district + "\"]},"
                + "\"reason\":\"bench\",\"title\":\"New prices from 1 April\"}";
    }

    static String load() throws Exception {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }

    static long rss(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }

    /**
     * The backend's heap in use, from the JDK's own jcmd (the backend serves its metrics to no supplier's role): the
     * first "used NNN[K|M|G]" of GC.heap_info, whichever collector.
     */
    static long heapUsed(long pid) throws Exception {
        Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor();
        Matcher m = Pattern.compile("used (\\d+)([KMG])").matcher(out);
        if (!m.find()) {
            return 0;
        }
        long n = Long.parseLong(m.group(1));
        return n << switch (m.group(2)) {
            case "K" -> 10;
            case "M" -> 20;
            default -> 30;
        };
    }

    static long fcmCount(String fcm) throws Exception {
        return Long.parseLong(HTTP.send(HttpRequest.newBuilder(URI.create(fcm + "/count")).build(),
                HttpResponse.BodyHandlers.ofString()).body().split(" ")[0]);
    }

    static String signIn(String base, String user, String password) throws Exception {
        String answer = post(base, "/api/v1/auth/token", null, "{\"username\":\"" + user + "\",\"password\":\""
                + password + "\"}");
        return field(answer, "access_token");
    }

    static String post(String base, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
                .timeout(Duration.ofMinutes(5));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    static String get(String base, String path, String token) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
