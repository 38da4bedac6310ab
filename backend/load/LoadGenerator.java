import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Issues codes over HTTP with N concurrent clients against a running backend, and reports codes per second,
 * latency percentiles, and where the machine's CPU went. Requests go to the bench meters 00BE... in turn, each
 * with a fresh Idempotency-Key. Run with the JDK's source launcher:
 *
 * <pre>java backend/load/LoadGenerator.java URL USER PASSWORD CLIENTS METERS WARMUP_S MEASURE_S [BACKEND_PID PG_PID [RATE]]</pre>
 *
 * <p>Without RATE (or 0) each client sends one request at a time (closed loop): the maximum throughput, with
 * latency set by the queue the clients themselves make (Little's law: 64 clients at 1,000 codes/s wait 64 ms on
 * average). With RATE, requests are due at fixed times, RATE a second, and go out over the CLIENTS connections
 * (open loop); a request's latency is counted from when it was due, not from when a free connection sent it, so
 * a backend that falls behind shows it in the percentiles (no coordinated omission). It also prints the slowest
 * answer in each second of the measured run, so a tail from a few stalls (a checkpoint, a vacuum) can be told from
 * one spread over the run.
 *
 * <p>With RATE the timed warm-up runs closed loop (the JIT warms fastest at full speed, and a cold backend offered
 * RATE builds a queue that outlasts the warm-up), then 10 s at RATE before the measured run.
 *
 * <p>Before the timed warm-up it issues one code to every bench meter, so each meter's key agreement (ECDH, once
 * per meter and kept) is done before measuring. With the two process ids it also reports CPU milliseconds per
 * code for the backend, PostgreSQL (the postmaster and its children) and this generator, and the load average:
 * on a shared machine, CPU per code is the figure that does not depend on what else runs.
 *
 * <p>Only talks to the URL it is given (loopback in backend/load/run.sh); stops by itself after the measured run.
 */
public final class LoadGenerator {

    private static final String BODY =
            "{\"command\":\"top-up\",\"parameters\":{\"amount\":\"1.00\"},\"reason\":\"load test\"}";
    private static final long TICKS = 100; // USER_HZ: clock ticks per second in /proc
    private static final long OPEN_SETTLE = 10_000_000_000L;

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int clients = Integer.parseInt(args[3]);
        int meters = Integer.parseInt(args[4]);
        long warmup = Long.parseLong(args[5]) * 1_000_000_000L;
        long measure = Long.parseLong(args[6]) * 1_000_000_000L;
        long backendPid = args.length > 7 ? Long.parseLong(args[7]) : -1;
        long postmasterPid = args.length > 8 ? Long.parseLong(args[8]) : -1;
        double rate = args.length > 9 ? Double.parseDouble(args[9]) : 0;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String token = signIn(http, base, args[1], args[2]);

        long warmStart = System.nanoTime();
        AtomicLong warmNext = new AtomicLong();
        AtomicLong warmErrors = new AtomicLong();
        // LOAD_SKIP_METER_WARMUP=1 skips the pass, for a second run against a backend that has already had it.
        long warmMeters = "1".equals(System.getenv("LOAD_SKIP_METER_WARMUP")) ? 0 : meters;
        runClients(clients, () -> {
            long i;
            while ((i = warmNext.getAndIncrement()) < warmMeters) {
                if (send(http, base, token, i % meters) != 201) {
                    warmErrors.incrementAndGet();
                }
            }
        });
        System.out.printf(Locale.ROOT, "warm-up: one code to each of %d meters in %.1f s (%d errors), then %d s%n",
                warmMeters, (System.nanoTime() - warmStart) / 1e9, warmErrors.get(), warmup / 1_000_000_000L);

        // Open loop: warm the JIT at full speed first (closed loop). Offered at RATE from a cold start, a backend
        // still compiling falls behind, and the queue it builds is still being worked off, and measured, long after
        // the backend is warm: that is the warm-up's latency, not the service's. Then RATE for OPEN_SETTLE before
        // the measured run, so the connections and batches settle at the offered rate.
        if (rate > 0 && warmup > 0) {
            long closedUntil = System.nanoTime() + warmup;
            AtomicLong closedNext = new AtomicLong(warmMeters);
            runClients(clients, () -> {
                while (System.nanoTime() < closedUntil) {
                    send(http, base, token, closedNext.getAndIncrement() % meters);
                }
            });
            System.out.printf(Locale.ROOT, "warm-up: closed loop for %d s (%d codes), then open loop at %.0f codes/s"
                    + " for %d s before the measured run%n", warmup / 1_000_000_000L, closedNext.get() - warmMeters,
                    rate, OPEN_SETTLE / 1_000_000_000L);
        }
        long start = System.nanoTime();
        long measureFrom = start + (rate > 0 && warmup > 0 ? OPEN_SETTLE : warmup);
        long end = measureFrom + measure;
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<long[]> perClient = new ArrayList<>();
        int[][] counts = new int[clients][1];
        long[][] done = new long[clients][1]; // 201s that completed inside the measured run: the throughput
        AtomicLong unsent = new AtomicLong();
        // The slowest answer to a request due (or sent) in each second of the measured run: shows whether the tail
        // is spread evenly or comes from a few stalls.
        java.util.concurrent.atomic.AtomicLongArray slowest =
                new java.util.concurrent.atomic.AtomicLongArray((int) (measure / 1_000_000_000L) + 1);
        Runnable[] loops = new Runnable[clients];
        for (int c = 0; c < clients; c++) {
            long[] latencies = new long[4_000_000 / clients];
            perClient.add(latencies);
            int[] count = counts[c];
            long[] finished = done[c];
            loops[c] = () -> {
                while (true) {
                    long i = next.getAndIncrement();
                    long sent;
                    if (rate > 0) {
                        sent = start + (long) (i * 1e9 / rate); // when it is due
                        if (sent >= end) {
                            break;
                        }
                        for (long wait = sent - System.nanoTime(); wait > 0; wait = sent - System.nanoTime()) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                        if (System.nanoTime() >= end) {
                            // Due inside the run but no connection was free before it ended: the backend is behind.
                            if (sent >= measureFrom) {
                                unsent.incrementAndGet();
                            }
                            continue;
                        }
                    } else {
                        sent = System.nanoTime();
                        if (sent >= end) {
                            break;
                        }
                    }
                    int status = send(http, base, token, i % meters);
                    long finishedAt = System.nanoTime();
                    long took = finishedAt - sent;
                    if (status == 201 && finishedAt >= measureFrom && finishedAt < end) {
                        finished[0]++;
                    }
                    if (sent >= measureFrom && sent < end) {
                        if (status == 201 && count[0] < latencies.length) {
                            latencies[count[0]++] = took;
                            slowest.accumulateAndGet((int) ((sent - measureFrom) / 1_000_000_000L), took, Math::max);
                        } else if (status != 201) {
                            errors.incrementAndGet();
                        }
                    }
                }
            };
        }
        String ops = signIn(http, base, "olly.ops", args[2]);
        long[] pool = new long[5]; // samples, sum acquired, max acquired, sum pending, max pending
        long maxPool = gauge(http, base, ops, "r2dbc.pool.max.allocated");
        // -1: the backend serves its metrics to no supplier's role (docs/backend-api.md); then the pool goes unsampled.
        Thread poolSampler = new Thread(() -> {
            while (maxPool >= 0 && System.nanoTime() < end) {
                if (System.nanoTime() >= measureFrom) {
                    long acquired = gauge(http, base, ops, "r2dbc.pool.acquired");
                    long pending = gauge(http, base, ops, "r2dbc.pool.pending");
                    pool[0]++;
                    pool[1] += acquired;
                    pool[2] = Math.max(pool[2], acquired);
                    pool[3] += pending;
                    pool[4] = Math.max(pool[4], pending);
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        poolSampler.setDaemon(true);
        poolSampler.start();
        double[][] batches = new double[2][];
        Thread sampler = new Thread(() -> {
            try {
                Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                return;
            }
            Usage before = Usage.take(backendPid, postmasterPid);
            batches[0] = summary(http, base, ops, "lifeline.codes.batch.size");
            try {
                Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                return;
            }
            Usage after = Usage.take(backendPid, postmasterPid);
            batches[1] = summary(http, base, ops, "lifeline.codes.batch.size");
            Usage.last = new Usage[] {before, after};
        });
        sampler.start();
        runClients(clients, loops);
        sampler.join();

        long total = 0;
        for (int[] c : counts) {
            total += c[0];
        }
        long completed = 0;
        for (long[] d : done) {
            completed += d[0];
        }
        long[] all = new long[(int) total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(perClient.get(c), 0, all, at, counts[c][0]);
            at += counts[c][0];
        }
        Arrays.sort(all);
        double seconds = measure / 1e9;
        System.out.printf(Locale.ROOT, "backend: %s, %d meters, %.0f s measured: %d codes issued (201) in it,"
                + " %d errors%n", rate > 0 ? String.format(Locale.ROOT, "open loop, %.0f codes/s offered over %d"
                + " connections (latency from when each request was due)", rate, clients)
                : clients + " closed-loop clients", meters, seconds, completed, errors.get());
        if (rate > 0) {
            System.out.printf(Locale.ROOT, "open loop: %d requests due in the measured run, %d of them not sent by its"
                    + " end (no connection free: the backend fell behind); percentiles are of those sent%n",
                    (long) (rate * seconds), unsent.get());
        }
        if (all.length == 0) {
            System.out.printf(Locale.ROOT, "backend: %.0f codes/s; no latencies: no request due in the measured run"
                    + " was answered%n", completed / seconds);
        } else {
            System.out.printf(Locale.ROOT, "backend: %.0f codes/s, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f"
                    + " ms%n", completed / seconds, pct(all, 0.50), pct(all, 0.90), pct(all, 0.99),
                    all[all.length - 1] / 1e6);
        }
        StringBuilder timeline = new StringBuilder();
        for (int i = 0; i < slowest.length(); i++) {
            timeline.append(i == 0 ? "" : " ").append(Math.round(slowest.get(i) / 1e6));
        }
        System.out.println("slowest answer in each second of the measured run, ms: " + timeline);
        if (batches[0] != null && batches[1] != null && batches[1][0] > batches[0][0]) {
            System.out.printf(Locale.ROOT, "batches: %.0f transactions, mean %.1f requests each (largest since start"
                    + " %.0f)%n", batches[1][0] - batches[0][0],
                    (batches[1][1] - batches[0][1]) / (batches[1][0] - batches[0][0]), batches[1][2]);
        }
        if (maxPool < 0) {
            System.out.println("r2dbc pool: not sampled (the backend's metrics are served to no supplier's role)");
        } else if (pool[0] > 0) {
            System.out.printf(Locale.ROOT, "r2dbc pool (max %d connections), %d samples: connections in use mean %.1f,"
                    + " max %d; requests waiting for one mean %.1f, max %d%n", maxPool, pool[0],
                    pool[1] / (double) pool[0], pool[2], pool[3] / (double) pool[0], pool[4]);
        }
        if (Usage.last != null) {
            Usage b = Usage.last[0];
            Usage a = Usage.last[1];
            double n = Math.max(1, completed);
            double machine = (a.machineBusy - b.machineBusy) * 1000.0 / TICKS;
            double backend = (a.backend - b.backend) * 1000.0 / TICKS;
            double postgres = (a.postgres - b.postgres) * 1000.0 / TICKS;
            double generator = (a.generatorNanos - b.generatorNanos) / 1e6;
            double others = Math.max(0, machine - backend - postgres - generator);
            int cores = Runtime.getRuntime().availableProcessors();
            System.out.printf(Locale.ROOT, "load average: %s at the start of the measured run, %s at its end%n",
                    b.loadAverage, a.loadAverage);
            System.out.printf(Locale.ROOT, "cpu: the %d cores were %.0f%% busy; of that: backend %.0f%%, postgres %.0f%%,"
                            + " load generator %.0f%%, everything else %.0f%%%n", cores,
                    100 * machine / (seconds * 1000 * cores), 100 * backend / (seconds * 1000 * cores),
                    100 * postgres / (seconds * 1000 * cores), 100 * generator / (seconds * 1000 * cores),
                    100 * others / (seconds * 1000 * cores));
            System.out.printf(Locale.ROOT, "cpu per code: backend %.2f ms, postgres %.2f ms, load generator %.2f ms"
                            + " (%d cores can give %.0f codes/s at %.2f ms per code)%n", backend / n, postgres / n,
                    generator / n, cores, cores * 1000 / ((backend + postgres + generator) / n),
                    (backend + postgres + generator) / n);
        }
        System.out.printf(Locale.ROOT, "RESULT codes_per_s=%.0f p50_ms=%.1f p99_ms=%.1f errors=%d offered=%.0f%n",
                completed / seconds, pct(all, 0.50), pct(all, 0.99), errors.get(), rate);
    }

    private static void runClients(int clients, Runnable... loops) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(loops[loops.length == 1 ? 0 : c]);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /**
     * One keep-alive HTTP/1.1 connection per client thread, written and read by hand: the JDK's HttpClient costs
     * about 1.5 ms of CPU per request, which on a 2-core machine is taken from the backend under test.
     */
    private static final class Connection {
        private static final ThreadLocal<Connection> MINE = new ThreadLocal<>();
        private final java.net.Socket socket;
        private final java.io.BufferedInputStream in;
        private final java.io.OutputStream out;

        private Connection(URI base) throws IOException {
            socket = new java.net.Socket(base.getHost(), base.getPort());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            in = new java.io.BufferedInputStream(socket.getInputStream(), 16_384);
            out = new java.io.BufferedOutputStream(socket.getOutputStream(), 4_096);
        }

        static Connection get(URI base) throws IOException {
            Connection c = MINE.get();
            if (c == null) {
                c = new Connection(base);
                MINE.set(c);
            }
            return c;
        }

        static void drop() {
            Connection c = MINE.get();
            MINE.remove();
            if (c != null) {
                try {
                    c.socket.close();
                } catch (IOException ignored) {
                    // already gone
                }
            }
        }

        /** Sends one request and reads the whole answer; returns the status. */
        int exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String status = line();
            if (status == null) {
                throw new IOException("connection closed");
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String h = line(); h != null && !h.isEmpty(); h = line()) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().trim(), 16); size > 0; size = Long.parseLong(line().trim(), 16)) {
                    skip(size);
                    line();
                }
                line();
            } else if (length > 0) {
                skip(length);
            }
            if (close) {
                drop();
            }
            return code;
        }

        private void skip(long n) throws IOException {
            while (n > 0) {
                long skipped = in.skip(n);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed");
                    }
                    skipped = 1;
                }
                n -= skipped;
            }
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder(64);
            for (int c = in.read(); c >= 0; c = in.read()) {
                if (c == '\n') {
                    int len = b.length();
                    return len > 0 && b.charAt(len - 1) == '\r' ? b.substring(0, len - 1) : b.toString();
                }
                b.append((char) c);
            }
            return b.length() == 0 ? null : b.toString();
        }
    }

    private static int send(HttpClient http, String base, String token, long meter) {
        URI uri = URI.create(base);
        byte[] body = BODY.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String head = "POST /api/v1/meters/" + String.format(Locale.ROOT, "00BE%012X", meter) + "/codes HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Accept: application/json\r\n"
                + "Idempotency-Key: " + UUID.randomUUID() + "\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        try {
            return Connection.get(uri).exchange(request);
        } catch (IOException | RuntimeException e) {
            Connection.drop();
            return -1;
        }
    }

    /** CPU used so far, in clock ticks (the generator's own in nanoseconds), and the load average. */
    private static final class Usage {
        static volatile Usage[] last;

        long machineBusy;
        long backend;
        long postgres;
        long generatorNanos;
        String loadAverage;

        static Usage take(long backendPid, long postmasterPid) {
            Usage u = new Usage();
            try {
                String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long busy = 0;
                for (int i = 1; i < cpu.length; i++) {
                    if (i != 4 && i != 5) { // all but idle and iowait
                        busy += Long.parseLong(cpu[i]);
                    }
                }
                u.machineBusy = busy;
                String[] load = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
                u.loadAverage = load[0] + " " + load[1] + " " + load[2];
                if (backendPid > 0) {
                    u.backend = ticks(backendPid);
                }
                if (postmasterPid > 0) {
                    u.postgres = ticks(postmasterPid);
                    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                        for (Path p : procs) {
                            long[] stat = stat(Long.parseLong(p.getFileName().toString()));
                            if (stat != null && stat[0] == postmasterPid) {
                                u.postgres += stat[1];
                            }
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                u.loadAverage = "unknown";
            }
            u.generatorNanos = ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
            return u;
        }

        private static long ticks(long pid) {
            long[] stat = stat(pid);
            return stat == null ? 0 : stat[1];
        }

        /** {parent pid, user + system ticks}, or null if the process is gone. */
        private static long[] stat(long pid) {
            try {
                String text = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
                return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12])};
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }

    /** A gauge from the actuator's metrics endpoint, or -1. */
    private static long gauge(HttpClient http, String base, String token, String name) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/metrics/" + name))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = Pattern.compile("\"value\":([0-9.E]+)").matcher(r.body());
            return r.statusCode() == 200 && m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    /** A distribution summary's COUNT, TOTAL and MAX from the actuator, or null. */
    private static double[] summary(HttpClient http, String base, String token, String name) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/metrics/" + name))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            double[] values = new double[3];
            String[] names = {"COUNT", "TOTAL", "MAX"};
            for (int i = 0; i < 3; i++) {
                Matcher m = Pattern.compile("\\{\"statistic\":\"" + names[i] + "\",\"value\":([0-9.E]+)\\}")
                        .matcher(r.body());
                if (r.statusCode() != 200 || !m.find()) {
                    return null;
                }
                values[i] = Double.parseDouble(m.group(1));
            }
            return values;
        } catch (Exception e) {
            return null;
        }
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
