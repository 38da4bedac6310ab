package uk.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Command-line conventions: --help on every subcommand prints its usage on standard output and exits 0. */
class HelpAndVersionTest {

    private final CliRunner cli = new CliRunner();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "issue, --help, lifeline-codes issue --supplier-key",
        "issue, -h, lifeline-codes issue --supplier-key",
        "decode, --help, lifeline-codes decode --device-key",
        "keygen, --help, lifeline-codes keygen --private",
        "demo, --help, lifeline-codes demo",
        "simulate, --help, lifeline-codes simulate --meter",
        "simulate, -h, lifeline-codes simulate --meter"
    })
    void helpOnASubcommandPrintsItsUsageOnStandardOutputAndExitsZero(String subcommand, String flag, String usage) {
        assertThat(cli.run(subcommand, flag)).isZero();

        assertThat(cli.stdout).startsWith("usage:\n").contains(usage);
        assertThat(cli.stderr).isEmpty();
    }

    @Test
    void helpAnywhereInTheArgumentsWinsOverMissingOptions() {
        assertThat(cli.run("simulate", "--meter", "m.json", "--help")).isZero();

        assertThat(cli.stdout).contains("lifeline-codes simulate").doesNotContain("lifeline-codes issue");
    }

    @Test
    void issueHelpListsTheCommands() {
        cli.run("issue", "--help");

        assertThat(cli.stdout).contains("top-up amount=12.34").contains("revert-to-default");
    }

    @ParameterizedTest
    @CsvSource({"help", "--help", "-h"})
    void helpAloneGivesTheWholeUsage(String flag) {
        assertThat(cli.run(flag)).isZero();

        assertThat(cli.stdout)
                .contains("lifeline-codes issue")
                .contains("lifeline-codes simulate")
                .contains("lifeline-codes --version");
    }

    @Test
    void versionPrintsTheBuildVersion() {
        assertThat(cli.run("--version")).isZero();

        assertThat(cli.stdout.trim()).matches("lifeline-codes \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(cli.stderr).isEmpty();
    }
}
