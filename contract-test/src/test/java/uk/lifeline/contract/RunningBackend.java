package uk.lifeline.contract;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The packaged backend (backend/target/lifeline-backend.jar) started as its own process with its embedded
 * PostgreSQL and demo data, on free ports and a fresh data folder under target/, exactly as a newcomer runs it.
 */
final class RunningBackend implements AutoCloseable {

    private final Process process;
    final URI base;
    final Path log;

    private RunningBackend(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    static RunningBackend start() throws Exception {
        Path jar = Path.of(System.getProperty("lifeline.backend.jar", "../backend/target/lifeline-backend.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: build the backend first (./mvnw verify builds it" + " before this module)");
        }
        Path data = Files.createTempDirectory(Path.of("target"), "backend-data-");
        Path log = Path.of("target", "backend.log");
        int port = freePort();
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m",
                "-jar",
                jar.toString(),
                "--server.port=" + port,
                "--lifeline.data-dir=" + data.toAbsolutePath(),
                "--lifeline.database.embedded-port=" + freePort(),
                // This test is about the contract, not start-up speed: on a busy build machine the demo seeding
                // can wait longer than the default 5 s for a connection.
                "--spring.r2dbc.pool.max-acquire-time=60s");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        RunningBackend backend = new RunningBackend(process, URI.create("http://127.0.0.1:" + port), log);
        backend.awaitHealthy(Duration.ofMinutes(8));
        return backend;
    }

    private void awaitHealthy(Duration limit) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the backend stopped: see " + log.toAbsolutePath());
            }
            try {
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(base.resolve("/actuator/health"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(
                "the backend was not healthy within " + limit + ": see " + log.toAbsolutePath());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy(); // SIGTERM: Spring stops, and stops its PostgreSQL
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    static File logFile(RunningBackend backend) {
        return backend.log.toFile();
    }
}
