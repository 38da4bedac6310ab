package uk.lifeline.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi.json passes Redocly CLI's recommended rules with zero errors, as an integrator's linter would see
 * it. Redocly comes from npm (contract-test/lint, npm ci, which .ci/run does); where it is not installed the
 * test is skipped, except in CI, where it must run.
 */
class ContractLintIT {

    private static final Path LINT = Path.of("lint");
    private static final Path REDOCLY = LINT.resolve("node_modules/.bin/redocly");

    @Test
    void theCommittedContractHasNoLintErrors() throws Exception {
        boolean installed = Files.isExecutable(REDOCLY);
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("Redocly CLI is not installed: run npm ci --prefix contract-test/lint");
        }
        assumeTrue(installed, "Redocly CLI not installed (npm ci --prefix contract-test/lint): lint skipped");
        Path report = Path.of("target", "redocly-lint.json");
        Process lint = new ProcessBuilder(
                        REDOCLY.toAbsolutePath().toString(),
                        "lint",
                        "--format=json",
                        "--max-problems=10000",
                        "--config",
                        LINT.resolve("redocly.yaml").toAbsolutePath().toString(),
                        Path.of("..", "docs", "openapi.json")
                                .toAbsolutePath()
                                .normalize()
                                .toString())
                .redirectOutput(report.toFile())
                .redirectError(Path.of("target", "redocly-lint.log").toFile())
                .start();
        assertThat(lint.waitFor(5, TimeUnit.MINUTES)).as("redocly finished").isTrue();

        JsonNode result = new ObjectMapper().readTree(Files.readString(report, StandardCharsets.UTF_8));
        List<String> errors = new ArrayList<>();
        int warnings = 0;
        for (JsonNode problem : result.path("problems")) {
            if ("error".equals(problem.path("severity").asText())) {
                errors.add(problem.path("ruleId").asText() + ": "
                        + problem.path("message").asText() + " at "
                        + problem.path("location").path(0).path("pointer").asText());
            } else {
                warnings++;
            }
        }
        System.out.println("Redocly lint of docs/openapi.json: " + errors.size() + " errors, " + warnings
                + " warnings (recommended rules)");
        assertThat(errors).isEmpty();
    }
}
