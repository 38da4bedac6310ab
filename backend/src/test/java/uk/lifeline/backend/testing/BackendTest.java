package uk.lifeline.backend.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import uk.lifeline.backend.database.EmbeddedDatabase;
import uk.lifeline.backend.demo.SeedWriter;
import uk.lifeline.backend.keys.KeyRing;
import uk.lifeline.backend.problem.IdempotencyKeys;

/**
 * The running backend on a random port, over a fresh PostgreSQL database of its own, with keys in a fresh
 * folder. Tests talk to it over real HTTP with {@link WebTestClient}; each class gets its own application and
 * database, closed after it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"lifeline.database.embedded=false", "logging.level.root=WARN"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class BackendTest {

    @Autowired
    protected WebTestClient http;

    @Autowired
    protected DatabaseClient db;

    @Autowired
    protected SeedWriter seed;

    @Autowired
    protected PasswordEncoder passwords;

    @Autowired
    protected KeyRing keys;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EmbeddedDatabase server = TestDatabase.server();
        String name = TestDatabase.fresh();
        Path dataDir = TestDatabase.DIR.resolve("app-" + name);
        registry.add("spring.r2dbc.url", () -> server.r2dbcUrl(name));
        registry.add("spring.r2dbc.username", () -> EmbeddedDatabase.USER);
        registry.add("spring.flyway.url", () -> server.jdbcUrl(name));
        registry.add("spring.flyway.user", () -> EmbeddedDatabase.USER);
        registry.add("spring.r2dbc.password", server::password);
        registry.add("spring.flyway.password", server::password);
        registry.add("lifeline.data-dir", dataDir::toString);
        registry.add("lifeline.keys.generate-missing", () -> "true");
        registry.add("lifeline.codes.expiry-sweep", () -> "1h");
    }

    protected WebTestClient.ResponseSpec post(String token, String path, Object body) {
        return http.mutate()
                .responseTimeout(Duration.ofSeconds(30))
                .build()
                .post()
                .uri(path)
                .headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    protected WebTestClient.ResponseSpec get(String token, String path) {
        return http.get()
                .uri(path)
                .headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                })
                .exchange();
    }

    /** POST /api/v1/meters/{meter}/codes with a fresh Idempotency-Key. */
    protected WebTestClient.ResponseSpec issue(String token, String meter, String command, Map<String, ?> parameters) {
        return issue(token, meter, UUID.randomUUID().toString(), command, parameters);
    }

    protected WebTestClient.ResponseSpec issue(
            String token, String meter, String key, String command, Map<String, ?> parameters) {
        return issue(token, meter, key, command, parameters, "test");
    }

    protected WebTestClient.ResponseSpec issue(
            String token, String meter, String key, String command, Map<String, ?> parameters, String reason) {
        return http.post()
                .uri("/api/v1/meters/{meter}/codes", meter)
                .headers(h -> h.setBearerAuth(token))
                .header(IdempotencyKeys.HEADER, key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("command", command, "parameters", parameters, "reason", reason))
                .exchange();
    }

    protected long count(String sql) {
        return db.sql(sql).map(r -> ((Number) r.get(0)).longValue()).one().block();
    }

    protected Tenant tenant(String code) {
        return Tenant.create(seed, passwords, keys, http, code);
    }
}
