package uk.lifeline.backend.command;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/commands}: the command catalog, the same for every supplier and every staff role. */
@RestController
class CommandCatalogController {

    private static final CommandCatalog CATALOG = CommandCatalog.of();

    @GetMapping("/api/v1/commands")
    CommandCatalog commands() {
        return CATALOG;
    }
}
