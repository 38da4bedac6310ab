package uk.lifeline.backend.reach;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.activation.ActivationProperties;
import uk.lifeline.backend.ledger.Ledger;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.command.Parameters;
import uk.lifeline.words.CommandWords;
import uk.lifeline.words.When;

/**
 * {@link CodeDesk} over today's code tables. The only class of the reach feature that reads {@code code} or
 * writes it (ENTERED); when the one code ledger lands, this class calls its transitions instead. Thread-safe.
 */
@Component
class LedgerCodeDesk implements CodeDesk {

    private static final String SELECT = """
            SELECT k.id, k.supplier_id, k.customer_account_id, s.code AS supplier_code, s.name AS supplier_name,
                   k.command, k.parameters::text AS parameters, k.blocks, k.expires_at, d.eui64, d.device_type,
                   (SELECT m.campaign_id FROM outbox_message m WHERE m.subject_id = k.id AND m.kind = 'code'
                    ORDER BY m.id LIMIT 1) AS campaign_id
            FROM code k
            JOIN supplier s ON s.id = k.supplier_id
            JOIN device d ON d.supplier_id = k.supplier_id AND d.id = k.device_id
            """;
    private static final String WAITING = SELECT + """
            WHERE k.supplier_id = :s AND k.customer_account_id = :c AND k.status IN ('ISSUED', 'DELIVERED')
              AND k.expires_at > now()
            ORDER BY k.issued_at DESC, k.id
            """;

    private final DatabaseClient db;
    private final Ledger ledger;
    private final ObjectMapper json;
    private final ActivationProperties phones;

    LedgerCodeDesk(DatabaseClient db, Ledger ledger, ObjectMapper json, ActivationProperties phones) {
        this.db = db;
        this.ledger = ledger;
        this.json = json;
        this.phones = phones;
    }

    @Override
    public Mono<CodeFacts> code(UUID supplierId, UUID codeId) {
        return db.sql(SELECT + " WHERE k.supplier_id = :s AND k.id = :id AND k.envelope IS NOT NULL")
                .bind("s", supplierId)
                .bind("id", codeId)
                .map(this::facts)
                .one();
    }

    @Override
    public Mono<CodeFacts> latestWaiting(UUID supplierId, UUID customerId) {
        return waiting(supplierId, customerId).next();
    }

    @Override
    public Flux<CodeFacts> waiting(UUID supplierId, UUID customerId) {
        return db.sql(WAITING + " LIMIT 10")
                .bind("s", supplierId)
                .bind("c", customerId)
                .map(this::facts)
                .all();
    }

    @Override
    public Mono<Boolean> recordEntered(UUID supplierId, UUID codeId, Channel channel, Instant at) {
        return ledger.entered(supplierId, codeId, channel.code(), at);
    }

    @Override
    public Mono<Progress> progress(UUID supplierId, UUID codeId) {
        return db.sql("SELECT status FROM code WHERE supplier_id = :s AND id = :id")
                .bind("s", supplierId)
                .bind("id", codeId)
                .map(r -> switch (r.get(0, String.class)) {
                    case "ISSUED" -> Progress.WAITING;
                    case "DELIVERED" -> Progress.FETCHED;
                    case "ENTERED", "ACCEPTED", "REJECTED" -> Progress.CONFIRMED;
                    default -> Progress.FINISHED;
                })
                .one()
                .defaultIfEmpty(Progress.FINISHED);
    }

    private CodeFacts facts(Readable r) {
        List<String> blocks = List.of(r.get("blocks", String[].class));
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        try {
            json.readTree(r.get("parameters", String.class))
                    .properties()
                    .forEach(f -> parameters.put(f.getKey(), f.getValue().asText()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        MeterCommand command = MeterCommand.parse(r.get("command", String.class), Parameters.of(parameters));
        When when = When.at(Instant.now()).absolute().withZone();
        String eui = r.get("eui64", String.class);
        return new CodeFacts(
                r.get("id", UUID.class),
                r.get("supplier_id", UUID.class),
                r.get("customer_account_id", UUID.class),
                r.get("supplier_name", String.class),
                phones.supportPhone(r.get("supplier_code", String.class)),
                "ESME".equals(r.get("device_type", String.class)),
                eui.substring(eui.length() - 4),
                blocks,
                CommandWords.describe(command, when.in(uk.lifeline.words.Language.ENGLISH)),
                CommandWords.describe(command, when.in(uk.lifeline.words.Language.WELSH)),
                r.get("expires_at", Instant.class),
                r.get("campaign_id", UUID.class));
    }
}
