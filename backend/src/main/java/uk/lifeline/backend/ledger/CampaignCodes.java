package uk.lifeline.backend.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.postgresql.codec.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import uk.lifeline.backend.database.JoinedText;
import uk.lifeline.backend.ledger.IssueIntent.CampaignCode;
import uk.lifeline.backend.ledger.Ledger.Issued;
import uk.lifeline.backend.tenant.Supplier;
import uk.lifeline.code.CodeEncoder;
import uk.lifeline.code.CodeKey;
import uk.lifeline.code.CommandCode;

/**
 * The codes of one campaign page, in the page's transaction: keys first (kept secrets unwrapped, missing ones
 * agreed and kept, so a meter without a usable key takes no counter), then every meter's next counter in one
 * statement (rows locked in meter order; the counter window leaves a meter out), encoding on all cores, one
 * signature for the page's envelopes, and one insert for the page. The page's audit entry and messages are the
 * campaign's. Thread-safe.
 */
@Component
class CampaignCodes {

    private static final String INSERT =
            """
            INSERT INTO code (id, supplier_id, device_id, customer_account_id, command, parameters, blocks,
              counter, reason, status, needs_approval, approval_reasons, issued_by, issued_at,
              expires_at, envelope, updated_at)
            SELECT i::uuid, :s, d::uuid, cu::uuid, :command, :parameters::jsonb, %s, n, :reason, 'ISSUED',
              false, '[]'::jsonb, :by, :now, :expires, e, :now
            FROM unnest(:ids::text[], :devices::text[], :customers::text[], :blocks::text[],
              :counters::bigint[], %s) AS u(i, d, cu, b, n, e)
            """.formatted(StoredBlocks.SPLIT.formatted("b"), JoinedText.array("envelopes"));

    private final DatabaseClient db;
    private final CounterStore counters;
    private final MeterSecrets secrets;
    private final Envelopes envelopes;
    private final IssuingProperties properties;
    private final ObjectMapper json;

    CampaignCodes(
            DatabaseClient db,
            CounterStore counters,
            MeterSecrets secrets,
            Envelopes envelopes,
            IssuingProperties properties,
            ObjectMapper json) {
        this.db = db;
        this.counters = counters;
        this.secrets = secrets;
        this.envelopes = envelopes;
        this.properties = properties;
        this.json = json;
    }

    /** One result per intent, in their order; all intents are of one supplier and one command. */
    Mono<List<Issued>> issue(Supplier supplier, List<CampaignCode> intents, Instant now) {
        if (intents.isEmpty()) {
            return Mono.just(List.of());
        }
        List<MeterSecrets.Wanted> wanted = intents.stream()
                .map(i -> new MeterSecrets.Wanted(i.deviceId(), i.eui64(), i.publicKeyPem()))
                .toList();
        return secrets.keys(supplier, wanted).flatMap(found -> {
            List<Keyed> usable = new ArrayList<>();
            List<Issued> refused = new ArrayList<>();
            for (CampaignCode i : intents) {
                MeterSecrets.Keyed k = found.get(i.deviceId());
                if (k == null || k.key() == null) {
                    refused.add(Issued.refused(i, k == null ? "no key" : k.error()));
                } else {
                    usable.add(new Keyed(i, k.key()));
                }
            }
            return counters.takeEach(
                            supplier.id(),
                            usable.stream().map(k -> k.intent().deviceId()).toList(),
                            properties.counterWindow())
                    .flatMap(taken -> Flux.fromIterable(usable)
                            .parallel()
                            .runOn(Schedulers.parallel())
                            .map(k -> leafed(
                                    supplier,
                                    code(supplier, k, taken.get(k.intent().deviceId()), now)))
                            .sequential()
                            .collectList()
                            .map(coded -> signed(supplier, coded)))
                    .flatMap(coded -> insert(supplier, coded, now).then(Mono.fromCallable(() -> {
                        List<Issued> all = new ArrayList<>(refused);
                        all.addAll(coded);
                        return inOrder(intents, all);
                    })));
        });
    }

    private record Keyed(CampaignCode intent, CodeKey key) {}

    private static List<Issued> inOrder(List<CampaignCode> intents, List<Issued> results) {
        Map<IssueIntent, Issued> byIntent = new java.util.IdentityHashMap<>();
        results.forEach(r -> byIntent.put(r.intent(), r));
        return intents.stream().map(byIntent::get).toList();
    }

    private Issued code(Supplier supplier, Keyed k, Long counter, Instant now) {
        CampaignCode i = k.intent();
        if (counter == null) {
            return Issued.refused(i, "counter window exhausted: results of earlier codes are needed");
        }
        CommandCode code = CodeEncoder.encode(i.command(), counter, k.key());
        CodeRecord made = new CodeRecord(
                CodeIds.next(),
                supplier.id(),
                i.deviceId(),
                i.eui64(),
                i.customerId(),
                i.command().type().commandName(),
                i.command().parameters(),
                null,
                code.blocks(),
                counter,
                i.reason(),
                CodeStatus.ISSUED,
                false,
                List.of(),
                i.issuedBy(),
                null,
                now,
                i.expiresAt(),
                null,
                null,
                null,
                null,
                null,
                now);
        return Issued.made(i, made);
    }

    /** A code made with its facts as a leaf, written on the parallel scheduler; a refusal has no leaf. */
    private record Leafed(Issued issued, String leaf) {}

    private Leafed leafed(Supplier supplier, Issued issued) {
        return new Leafed(issued, issued.code() == null ? null : envelopes.leaf(supplier, issued.code()));
    }

    /** The page's codes signed under one signature (a Merkle root: {@link Envelopes}); refusals as they were. */
    private List<Issued> signed(Supplier supplier, List<Leafed> coded) {
        List<Leafed> made = coded.stream().filter(c -> c.leaf() != null).toList();
        List<String> signed =
                envelopes.sign(supplier, made.stream().map(Leafed::leaf).toList());
        Map<IssueIntent, Issued> byIntent = new java.util.IdentityHashMap<>();
        for (int i = 0; i < made.size(); i++) {
            Issued c = made.get(i).issued();
            byIntent.put(c.intent(), Issued.made(c.intent(), c.code().withEnvelope(signed.get(i))));
        }
        return coded.stream()
                .map(c -> byIntent.getOrDefault(c.issued().intent(), c.issued()))
                .toList();
    }

    private Mono<Void> insert(Supplier supplier, List<Issued> coded, Instant now) {
        List<CodeRecord> codes =
                coded.stream().map(Issued::code).filter(c -> c != null).toList();
        if (codes.isEmpty()) {
            return Mono.empty();
        }
        CodeRecord first = codes.get(0);
        int n = codes.size();
        String[] ids = new String[n];
        String[] devices = new String[n];
        String[] customers = new String[n];
        String[] blocks = new String[n];
        Long[] counters = new Long[n];
        String[] signedEnvelopes = new String[n];
        for (int i = 0; i < n; i++) {
            CodeRecord code = codes.get(i);
            ids[i] = code.id().toString();
            devices[i] = code.deviceId().toString();
            customers[i] = code.customerAccountId().toString();
            blocks[i] = StoredBlocks.packed(code.blocks());
            counters[i] = code.counter();
            signedEnvelopes[i] = code.envelope();
        }
        return db.sql(INSERT)
                .bind("s", supplier.id())
                .bind("command", first.command())
                .bind("parameters", Json.of(jsonOf(first.parameters())))
                .bind("reason", first.reason())
                .bind("by", first.issuedBy())
                .bind("now", now)
                .bind("expires", first.expiresAt())
                .bind("ids", ids)
                .bind("devices", devices)
                .bind("customers", customers)
                .bind("blocks", blocks)
                .bind("counters", counters)
                .bind("envelopes", JoinedText.of(signedEnvelopes))
                .fetch()
                .rowsUpdated()
                .then();
    }

    private String jsonOf(Map<String, String> parameters) {
        try {
            return json.writeValueAsString(parameters);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
