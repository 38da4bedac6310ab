package uk.lifeline.backend.apidoc;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's frame: who the API is for, its server, the bearer-token scheme and the problem schema.
 * What each operation does comes from {@link OperationCatalogue} through {@link OperationDocs}.
 */
@Configuration
class ApiDocConfig {

    static final String BEARER = "bearerAuth";

    @Bean
    OpenAPI lifelineOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Lifeline API")
                        .version("v1")
                        .summary("Prepayment smart-meter commands as short numeric codes, for homes without the"
                                + " smart-meter WAN")
                        .description(DESCRIPTION)
                        .contact(new Contact().name("Lifeline engineering"))
                        .license(new License()
                                .name("Proprietary: for suppliers integrating with Lifeline")
                                .identifier("LicenseRef-Lifeline-Supplier-Integration")))
                .servers(List.of(new Server()
                        .url("http://localhost:8080")
                        .description("The embedded default: the backend on your own machine with its demo data")))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("An ES256 access token from `POST /api/v1/auth/token` (staff) or"
                                                + " `POST /api/v1/activations` (a customer's app). Send it as"
                                                + " `Authorization: Bearer <token>`. The roles allowed are listed on each"
                                                + " operation.")));
    }

    @Bean
    OpenApiCustomizer operationDocs() {
        return new OperationDocs(OperationCatalogue.load());
    }

    /** Schema names that never collide: nested records are named with their enclosing type (see SchemaNames). */
    @Bean
    ModelResolver schemaNames(ObjectMapper mapper) {
        return new ModelResolver(mapper, new SchemaNames());
    }

    private static final String DESCRIPTION = """
            Lifeline issues SMETS2 prepayment commands (top-ups, price changes, debt, friendly-credit and
            non-disconnect periods, and the rest of DP094's list) as 20, 40 or 60-digit codes for meters that the
            smart-meter WAN does not reach, and delivers them to the customer.

            **Start here**: sign in with `POST /api/v1/auth/token` (on the embedded default, `amy.agent` /
            `demo-password`), then send the token as a bearer token. Every error is RFC 9457
            `application/problem+json`; switch on its `type`, which never changes for a kind of error. Requests
            that create a code take an `Idempotency-Key` header: send the same key again after a timeout and you
            get the first answer, never a second code.

            A supplier sees only its own customers, meters and codes; another supplier's ids answer 404.
            """;
}
