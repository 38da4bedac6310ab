package uk.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/tariff.md's CLI examples, run as the document shows them: each {@code bin/lifeline-codes simulate} block
 * (optionally piped through {@code head -n N} or {@code tail -n N}) must print exactly the text block after it.
 */
class TariffDocExamplesTest {

    private static final Pattern EXAMPLE = Pattern.compile(
            "```sh\\n(bin/lifeline-codes simulate [^\\n]*)\\n```\\n\\n```text\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern PIPE = Pattern.compile("(.*?) \\| (head|tail) -n (\\d+)");

    private static Path docs() {
        return Paths.get(System.getProperty("lifeline.docs", "../docs"));
    }

    @Test
    void everyCliExampleInTariffMdPrintsWhatTheDocumentShows() throws IOException {
        String markdown = new String(Files.readAllBytes(docs().resolve("tariff.md")), StandardCharsets.UTF_8);
        Matcher example = EXAMPLE.matcher(markdown);
        int found = 0;
        while (example.find()) {
            found++;
            String command = example.group(1);
            Matcher pipe = PIPE.matcher(command);
            String simulate = pipe.matches() ? pipe.group(1) : command;
            List<String> args = new ArrayList<>();
            for (String word : simulate.split(" ")) {
                if (!word.equals("bin/lifeline-codes")) {
                    args.add(
                            word.startsWith("docs/")
                                    ? docs().resolve(word.substring(5)).toString()
                                    : word);
                }
            }
            CliRunner cli = new CliRunner();
            assertThat(cli.run(args.toArray(new String[0])))
                    .as(command + "\n" + cli.stderr)
                    .isZero();
            List<String> lines = Arrays.asList(cli.stdout.split("\\R", -1));
            lines = lines.subList(0, lines.size() - 1);
            if (pipe.matches()) {
                int n = Integer.parseInt(pipe.group(3));
                lines = pipe.group(2).equals("head")
                        ? lines.subList(0, Math.min(n, lines.size()))
                        : lines.subList(Math.max(0, lines.size() - n), lines.size());
            }
            assertThat(String.join("\n", lines)).as(command).isEqualTo(example.group(2));
        }
        assertThat(found).as("CLI examples in docs/tariff.md").isGreaterThanOrEqualTo(5);
    }
}
