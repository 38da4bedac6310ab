package uk.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.lifeline.testing.TestKeys;

/** The CLI as the README documents it: issue, decode with a state file, keygen, exit statuses. */
class LifelineCodesTest {

    @TempDir
    Path dir;

    private final CliRunner cli = new CliRunner();
    private String stdout;
    private String stderr;

    private int run(String... args) {
        int status = cli.run(args);
        stdout = cli.stdout;
        stderr = cli.stderr;
        return status;
    }

    private String[] issue(String device, Path certificate, long counter, String... command) {
        List<String> args = new ArrayList<>(Arrays.asList(
                "issue",
                "--supplier-key",
                TestKeys.supplierPrivateFile().toString(),
                "--originator",
                "90B3D51F30010000",
                "--device",
                device,
                "--device-cert",
                certificate.toString(),
                "--counter",
                Long.toString(counter)));
        args.addAll(Arrays.asList(command));
        return args.toArray(new String[0]);
    }

    private String[] decode(String... digits) {
        List<String> args = new ArrayList<>(Arrays.asList(
                "decode",
                "--device-key",
                TestKeys.meterPrivateFile().toString(),
                "--supplier-cert",
                TestKeys.supplierPublicFile().toString(),
                "--originator",
                "90B3D51F30010000",
                "--device",
                "0011223344556677",
                "--state",
                dir.resolve("meter.state").toString()));
        args.addAll(Arrays.asList(digits));
        return args.toArray(new String[0]);
    }

    @Test
    void issuePrintsTheFirstKnownUtrnGroupedInFours() {
        assertThat(run(issue("00DB1234567890A0", TestKeys.gbcsMeterCertificateFile(), 1, "top-up", "amount=100")))
                .isZero();
        assertThat(stdout).isEqualTo("7394 3333 4571 8904 3313" + System.lineSeparator());
    }

    @Test
    void decodePrintsTheCommandAsJsonThenRefusesTheSameCodeAsDuplicate() {
        run(issue("0011223344556677", TestKeys.meterPublicFile(), 1, "top-up", "amount=12.34"));
        String[] groups = stdout.trim().split(" ");

        assertThat(run(decode(groups))).isZero();
        assertThat(stdout.trim())
                .isEqualTo(
                        "{\"status\":\"accepted\",\"command\":\"top-up\",\"counter\":1,\"parameters\":{\"amount\":\"12.34\"}}");
        assertThat(run(decode(groups))).isEqualTo(13);
        assertThat(stdout).contains("\"reason\":\"duplicate\"");
    }

    @Test
    void blocksMayBeEnteredOneRunAtATimeBecauseTheStateFileKeepsTheEntry() {
        run(issue(
                "0011223344556677",
                TestKeys.meterPublicFile(),
                2,
                "set-non-disconnect-period",
                "start=2026-12-01T06:00:00Z",
                "end=2026-12-04T06:00:00Z"));
        String[] blocks = stdout.trim().split(System.lineSeparator());
        assertThat(blocks).hasSize(2);

        assertThat(run(decode(blocks[0]))).isEqualTo(2);
        assertThat(stdout).contains("\"status\":\"awaiting-block\",\"entered\":1,\"blocks\":2");
        assertThat(run(decode(blocks[1]))).isZero();
        assertThat(stdout)
                .contains("\"command\":\"set-non-disconnect-period\"")
                .contains("\"start\":\"2026-12-01T06:00:00Z\"");
    }

    @Test
    void eachRejectionHasItsOwnExitStatus() {
        assertThat(run(decode("7394 3333 4571 8904 3314"))).isEqualTo(10);
        assertThat(stdout).contains("\"reason\":\"typo\"");
        assertThat(run(decode("73943333457189043313"))).isEqualTo(12);
        assertThat(stdout).contains("\"reason\":\"bad-mac\"");
    }

    @Test
    void aBadParameterIsNamedWithItsRange() {
        assertThat(run(issue("0011223344556677", TestKeys.meterPublicFile(), 1, "top-up", "amount=81.92")))
                .isEqualTo(65);
        assertThat(stderr).contains("amount 81.92 is out of range");
    }

    @Test
    void usageMistakesAndMissingFilesAreTold() {
        assertThat(run()).isEqualTo(64);
        assertThat(run("issue", "--counter", "1")).isEqualTo(64);
        assertThat(stderr).contains("missing --supplier-key");
        assertThat(run(issue("0011223344556677", dir.resolve("absent.pem"), 1, "top-up", "amount=1")))
                .isEqualTo(66);
        assertThat(run(issue("0011223344556677", TestKeys.meterPublicFile(), 0, "top-up", "amount=1")))
                .isEqualTo(65);
        assertThat(stderr).contains("UTRN counter 0 is out of range");
    }

    @Test
    void keygenWritesAKeyPairTheToolCanUse() throws Exception {
        Path key = dir.resolve("m.key");
        Path pub = dir.resolve("m.pem");

        assertThat(run("keygen", "--private", key.toString(), "--public", pub.toString()))
                .isZero();
        assertThat(new String(Files.readAllBytes(key), StandardCharsets.US_ASCII))
                .startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(run(issue("0011223344556677", pub, 1, "revert-to-default"))).isZero();
    }

    @Test
    void demoIssuesEveryCommandAndTheMeterAcceptsEach() {
        assertThat(run("demo")).isZero();
        assertThat(stdout).doesNotContain("rejected");
        for (uk.lifeline.command.CommandType type : uk.lifeline.command.CommandType.values()) {
            assertThat(stdout).contains("accepted " + type.commandName());
        }
    }
}
