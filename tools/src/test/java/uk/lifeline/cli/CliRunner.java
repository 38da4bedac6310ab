package uk.lifeline.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Runs {@code lifeline-codes} in the test's JVM and keeps what it printed. Not thread-safe. */
final class CliRunner {

    String stdout;
    String stderr;

    int run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new LifelineCodes(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC))
                .run(args);
        stdout = out.toString(StandardCharsets.UTF_8);
        stderr = err.toString(StandardCharsets.UTF_8);
        return status;
    }
}
