import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issues codes over HTTP with N concurrent clients against a running backend, and reports codes per second and
 * latency percentiles. Each client sends one request at a time (closed loop), to the bench meters 00BE... in
 * turn, each with a fresh Idempotency-Key. Run with the JDK's source launcher:
 *
 * <pre>java backend/load/LoadGenerator.java URL USER PASSWORD CLIENTS METERS WARMUP_S MEASURE_S</pre>
 *
 * Only talks to the URL it is given (loopback in backend/load/run.sh); stops by itself after the measured run.
 */
public final class LoadGenerator {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int clients = Integer.parseInt(args[3]);
        int meters = Integer.parseInt(args[4]);
        long warmup = Long.parseLong(args[5]) * 1_000_000_000L;
        long measure = Long.parseLong(args[6]) * 1_000_000_000L;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String token = signIn(http, base, args[1], args[2]);

        long start = System.nanoTime();
        long measureFrom = start + warmup;
        long end = measureFrom + measure;
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<long[]> perClient = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long[] latencies = new long[2_000_000 / clients];
            perClient.add(latencies);
            int[] count = new int[1];
            Thread thread = new Thread(() -> {
                while (true) {
                    long now = System.nanoTime();
                    if (now >= end) {
                        break;
                    }
                    long i = next.getAndIncrement();
                    String meter = String.format(Locale.ROOT, "00BE%012X", i % meters);
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/meters/" + meter + "/codes"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", UUID.randomUUID().toString())
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"command\":\"top-up\",\"parameters\":{\"amount\":\"1.00\"},\"reason\":\"load test\"}"))
                            .build();
                    long sent = System.nanoTime();
                    int status;
                    try {
                        status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (Exception e) {
                        status = -1;
                    }
                    long took = System.nanoTime() - sent;
                    if (sent >= measureFrom && sent < end) {
                        if (status == 201 && count[0] < latencies.length) {
                            latencies[count[0]++] = took;
                        } else if (status != 201) {
                            errors.incrementAndGet();
                        }
                    }
                }
                latencies[latencies.length - 1] = -count[0] - 1; // how many were recorded
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long total = 0;
        for (long[] l : perClient) {
            total += -l[l.length - 1] - 1;
        }
        long[] all = new long[(int) total];
        int at = 0;
        for (long[] l : perClient) {
            int n = (int) (-l[l.length - 1] - 1);
            System.arraycopy(l, 0, all, at, n);
            at += n;
        }
        Arrays.sort(all);
        double seconds = measure / 1e9;
        System.out.printf(Locale.ROOT, "backend: %d clients, %.0f s measured: %d codes issued (201), %d errors%n",
                clients, seconds, total, errors.get());
        System.out.printf(Locale.ROOT, "backend: %.0f codes/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                total / seconds, pct(all, 0.50), pct(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
        System.out.printf(Locale.ROOT, "RESULT codes_per_s=%.0f p50_ms=%.1f p99_ms=%.1f errors=%d%n",
                total / seconds, pct(all, 0.50), pct(all, 0.99), errors.get());
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static String signIn(HttpClient http, String base, String user, String password) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("sign-in failed: " + response.statusCode() + " " + response.body());
        }
        return m.group(1);
    }
}
