package uk.lifeline.backend.appcontract;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import uk.lifeline.app.account.Session;
import uk.lifeline.app.core.AppCore;
import uk.lifeline.app.delivery.HttpStatusException;
import uk.lifeline.app.delivery.Inbox;
import uk.lifeline.app.delivery.LifelineClient;
import uk.lifeline.app.delivery.ResultSender;
import uk.lifeline.app.entry.EntryOutcome;
import uk.lifeline.app.supplier.SupplierDirectory;
import uk.lifeline.app.testing.MemoryStores;
import uk.lifeline.app.testing.TestSupplier;
import uk.lifeline.app.trust.EnvelopeProblem;
import uk.lifeline.app.trust.SignedCode;
import uk.lifeline.app.wallet.CodeStatus;
import uk.lifeline.backend.keys.EcKeyPair;
import uk.lifeline.backend.keys.KeyPurpose;
import uk.lifeline.backend.ledger.CodeView;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;
import uk.lifeline.words.CommandWords;
import uk.lifeline.words.When;

/**
 * The customer app's own network client and core (app/core), not a copy of them, against the running backend:
 * activation, sync with envelope verification under the supplier's trust anchor (the real signed key set), and a
 * result (docs/app-protocol.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppClientContractTest extends BackendTest {

    private Tenant t;

    @BeforeAll
    void tenant() {
        t = tenant("appc");
    }

    @Test
    void theAppActivatesSyncsAVerifiedCodeAndReportsWhatTheMeterShowed() throws Exception {
        String activationCode =
                (String) post(t.token("agent"), "/api/v1/customers/" + t.customer1 + "/activation-codes", Map.of())
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody()
                        .get("activationCode");
        SupplierDirectory bundled = bundle(anchorOf(t.code));
        Session session = AppCore.activate(bundled, activationCode, "contract test", Clock.systemUTC());
        assertThat(session.customerId()).isEqualTo(t.customer1.toString());
        assertThat(session.supplier()).isEqualTo(t.code);

        CodeView issued = issue(t.token("agent"), t.meter1, "top-up", Map.of("amount", "2.00"))
                .expectStatus()
                .isCreated()
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();
        MemoryStores phone = new MemoryStores();
        AppCore app = new AppCore(session, bundled.find(t.code), phone, phone, phone, phone, Clock.systemUTC());

        Inbox.Report report = app.sync();

        assertThat(report.refused()).isZero();
        SignedCode code = report.added().stream()
                .filter(c -> c.id().equals(issued.id().toString()))
                .findFirst()
                .orElseThrow();
        assertThat(code.counter()).isEqualTo(issued.counter());
        assertThat(code.meterId()).isEqualTo(t.meter1);
        assertThat(CommandWords.describe(code.command(), When.at(java.time.Instant.now())))
                .isEqualTo("adds £2.00 credit");
        assertThat(app.sync().added()).isEmpty();

        // Credit too high first; typed again later and taken: the app sends both, in order.
        app.wallet().recordOutcome(code.id(), EntryOutcome.CREDIT_TOO_HIGH);
        app.wallet().recordOutcome(code.id(), EntryOutcome.ACCEPTED);
        assertThat(app.results().send()).isEqualTo(new ResultSender.Round(2, 0, 0));
        assertThat(db.sql("SELECT outcome || coalesce(':' || reason, '') AS r FROM code_result WHERE code_id = :id"
                                + " ORDER BY seq")
                        .bind("id", issued.id())
                        .map(row -> row.get("r", String.class))
                        .all()
                        .collectList()
                        .block())
                .containsExactly("REJECTED:over-maximum-balance", "ACCEPTED");

        CodeView after = get(t.token("agent"), "/api/v1/codes/" + issued.id())
                .expectStatus()
                .isOk()
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();
        assertThat(after.status().name()).isEqualTo("ACCEPTED");
        assertThat(app.wallet().find(code.id()).orElseThrow().status()).isEqualTo(CodeStatus.ACCEPTED);
    }

    @Test
    void anAppBundledWithAnotherAnchorRefusesTheServersKeysAndSoItsCodes() throws Exception {
        String activationCode =
                (String) post(t.token("agent"), "/api/v1/customers/" + t.customer2 + "/activation-codes", Map.of())
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody()
                        .get("activationCode");
        SupplierDirectory rogueAnchor = bundle(new ECKeyGenerator(Curve.P_256)
                .keyID(t.code + "-20260101-0badbad0")
                .generate());
        Session session = AppCore.activate(rogueAnchor, activationCode, "contract test", Clock.systemUTC());
        issue(t.token("agent"), t.meter2, "top-up", Map.of("amount", "3.00"))
                .expectStatus()
                .isCreated();
        MemoryStores phone = new MemoryStores();
        AppCore app = new AppCore(session, rogueAnchor.find(t.code), phone, phone, phone, phone, Clock.systemUTC());

        Inbox.Report report = app.sync();

        assertThat(report.added()).isEmpty();
        assertThat(report.refused()).isEqualTo(1);
        assertThat(app.wallet().refusedMessages()).singleElement().satisfies(m -> assertThat(m.problem())
                .isEqualTo(EnvelopeProblem.UNTRUSTED_KEY_SET));
    }

    /** The supplier's anchor as the demo keeps it in the backend's key ring, with its private part to sign. */
    private ECKey anchorOf(String supplier) {
        EcKeyPair anchor = keys.current(supplier, KeyPurpose.TRUST_ANCHOR);
        return new ECKey.Builder(Curve.P_256, anchor.publicKey())
                .privateKey(anchor.privateKey())
                .keyID(anchor.kid())
                .build();
    }

    /** The supplier configuration a build of the app bundles, signed by {@code anchor}, for this backend. */
    private SupplierDirectory bundle(ECKey anchor) {
        return SupplierDirectory.parse(TestSupplier.configLine(t.code, "Contract Energy", server(), anchor), true);
    }

    @Test
    void aMistypedOrUnknownActivationCodeLinksNothing() {
        LifelineClient client = new LifelineClient(server(), () -> null);

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> client.activate("123456789017", "p", Clock.systemUTC()))
                .isInstanceOfSatisfying(
                        HttpStatusException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    private String server() {
        return "http://localhost:" + port;
    }
}
