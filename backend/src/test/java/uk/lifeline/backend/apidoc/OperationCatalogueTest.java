package uk.lifeline.backend.apidoc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The operations' descriptions are read whole: an operation written twice fails the build, not the reader. */
class OperationCatalogueTest {

    private static final String OPERATION = """
              GET /api/v1/commands:
                id: commandCatalog
                tag: codes
                summary: The catalog
                description: Reads only.
                roles: [AGENT]
                success:
                  200: {description: "The catalog."}
                problems: []
            """;

    private static OperationCatalogue read(String operations) {
        String yaml = "implicit:\n  all: [internal]\ntags:\n  codes: Codes\noperations:\n" + operations;
        return OperationCatalogue.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anOperationWrittenTwiceIsRefusedRatherThanSilentlyReplaced() {
        assertThatThrownBy(() -> read(OPERATION + OPERATION))
                .hasMessageContaining("duplicate key")
                .hasMessageContaining("GET /api/v1/commands");
    }

    @Test
    void theCommittedCatalogueLoadsWithNoOperationWrittenTwice() {
        assertThat(OperationCatalogue.load().all()).containsKey("GET /api/v1/commands");
    }
}
