import com.google.api.client.http.HttpTransport;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import uk.lifeline.backend.delivery.FcmGateway;
import uk.lifeline.backend.delivery.Push;
import uk.lifeline.backend.delivery.PushOutcome;
import uk.lifeline.backend.delivery.PushProperties;

/**
 * CPU per FCM message of the backend's FCM client alone, HTTP/1.1 against HTTP/2: the backend's own transport
 * (PushConfig's, for a loopback endpoint) and gateway, in this JVM and nothing else, pushing code messages of a
 * campaign's size (a 300-character envelope) to fake FCMs (backend/load/FakeFcmServer.java) as the backend's
 * dispatchers did when it was measured (4 loops handing batches of 500 to 128 sending threads; 2 loops now).
 * Rounds alternate the transports; the first of each is a warm-up (JIT). Prints this JVM's CPU per message.
 * backend/load/fcm-client-bench.sh runs it:
 *
 * <pre>java -cp 'classes:lib/*' backend/load/FcmClientBench.java H1_URL H2_URL MESSAGES ROUNDS</pre>
 */
public final class FcmClientBench {

    public static void main(String[] args) throws Exception {
        String h1 = args[0];
        String h2 = args[1];
        int messages = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        FcmGateway http1 = gateway(h1, PushProperties.Transport.HTTP1);
        FcmGateway http2 = gateway(h2, PushProperties.Transport.HTTP2);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int round = 0; round <= rounds; round++) {
            for (FcmGateway gateway : List.of(http1, http2)) {
                long cpu = os.getProcessCpuTime();
                long wall = System.nanoTime();
                send(gateway, messages);
                double cpuUs = (os.getProcessCpuTime() - cpu) / 1e3 / messages;
                double seconds = (System.nanoTime() - wall) / 1e9;
                System.out.printf(Locale.ROOT, "%s round %d (%s): %d messages in %.1f s, %.0f us of this JVM's CPU per"
                        + " message; load %s%n", gateway.description().replaceAll(".* over ", ""), round,
                        round == 0 ? "warm-up" : "measured", messages, seconds, cpuUs, load());
            }
        }
        http1.close();
        http2.close();
    }

    private static FcmGateway gateway(String endpoint, PushProperties.Transport transport) throws Exception {
        PushProperties properties = new PushProperties(Path.of("unused.json"), "bench", endpoint, transport, 500, 32,
                4, null, null, null, null, 10, null);
        // PushConfig.transport is the backend's rule for which transport goes where: called, not copied.
        Method choose = Class.forName("uk.lifeline.backend.delivery.PushConfig")
                .getDeclaredMethod("transport", PushProperties.class);
        choose.setAccessible(true);
        HttpTransport http = (HttpTransport) choose.invoke(null, properties);
        GoogleCredentials credentials =
                GoogleCredentials.create(new AccessToken("bench-access-token", new Date(4_102_444_800_000L)));
        return FcmGateway.create(credentials, "bench", http, 128, "over " + transport.protocol);
    }

    private static void send(FcmGateway gateway, int messages) throws Exception {
        ExecutorService dispatchers = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int from = 0; from < messages; from += 500) {
            int n = Math.min(500, messages - from);
            int first = from;
            done.add(dispatchers.submit(() -> {
                List<Push> batch = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    batch.add(code(first + i));
                }
                for (PushOutcome outcome : gateway.send(batch)) {
                    if (outcome.result() != PushOutcome.Result.SENT) {
                        throw new IllegalStateException(outcome.toString());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        dispatchers.shutdown();
    }

    private static Push code(long id) {
        byte[] envelope = new byte[225];
        ThreadLocalRandom.current().nextBytes(envelope);
        Map<String, String> data = new LinkedHashMap<>();
        data.put("type", "code");
        data.put("id", UUID.randomUUID().toString());
        data.put("status", "ISSUED");
        data.put("envelope", Base64.getUrlEncoder().withoutPadding().encodeToString(envelope));
        return new Push(id, "bench-phone-" + id, data, "New prices for your meter",
                "A code with your new prices is ready. Open Lifeline to enter it.", false, "codes",
                Duration.ofDays(7));
    }

    private static String load() throws Exception {
        return String.join(" ", java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0]
                .split(" "));
    }
}
