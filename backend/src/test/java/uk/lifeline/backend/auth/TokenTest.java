package uk.lifeline.backend.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import uk.lifeline.backend.demo.DemoMeterKeys;
import uk.lifeline.backend.keys.EcKeyPair;
import uk.lifeline.backend.keys.KeyPurpose;
import uk.lifeline.backend.keys.KeyRing;
import uk.lifeline.backend.ledger.CodeView;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;

/** Sign-in, and every way a bearer token can be wrong: each is a 401 problem. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenTest extends BackendTest {

    private Tenant t;
    private String path;

    @BeforeAll
    void tenant() {
        http = http.mutate().responseTimeout(java.time.Duration.ofSeconds(60)).build();
        t = tenant("tokens");
        path = "/api/v1/meters/" + t.meter1 + "/codes";
    }

    private JWTClaimsSet.Builder validClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer("lifeline-backend")
                .audience("lifeline-api")
                .subject(t.userId("agent").toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("supplier", t.supplierId.toString())
                .claim("roles", List.of("AGENT"));
    }

    private String signed(UnaryOperator<JWTClaimsSet.Builder> change, ECPrivateKey key, String kid) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(kid)
                        .type(JOSEObjectType.JWT)
                        .build(),
                change.apply(validClaims()).build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private String signedByBackend(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        EcKeyPair key = keys.current(KeyRing.BACKEND, KeyPurpose.TOKEN_SIGNING);
        return signed(change, key.privateKey(), key.kid());
    }

    private void unauthorized(String token) {
        get(token, path)
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType("application/problem+json")
                .expectHeader()
                .valueMatches("WWW-Authenticate", "Bearer.*")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:unauthorized");
    }

    @Test
    void aUserSignsInForAShortLivedTokenTheApiAccepts() {
        Map<?, ?> body = post(
                        null,
                        "/api/v1/auth/token",
                        Map.of("username", t.username("agent"), "password", Tenant.PASSWORD))
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(body.get("token_type")).isEqualTo("Bearer");
        assertThat(body.get("expires_in")).isEqualTo(900);
        get((String) body.get("access_token"), path).expectStatus().isOk();
    }

    @Test
    void aWrongPasswordOrUnknownUserGets401() {
        post(null, "/api/v1/auth/token", Map.of("username", t.username("agent"), "password", "wrong"))
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:invalid-credentials");
        post(null, "/api/v1/auth/token", Map.of("username", "nobody", "password", "wrong"))
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:invalid-credentials");
    }

    @Test
    void aWellFormedTokenSignedByTheBackendIsAccepted() throws Exception {
        get(signedByBackend(c -> c), path).expectStatus().isOk();
    }

    @Test
    void noTokenGets401() {
        unauthorized(null);
    }

    @Test
    void aForgedTokenSignedWithAnotherKeyUnderTheBackendsKidGets401() throws Exception {
        String kid = keys.current(KeyRing.BACKEND, KeyPurpose.TOKEN_SIGNING).kid();
        unauthorized(signed(c -> c, (ECPrivateKey) DemoMeterKeys.generate().getPrivate(), kid));
    }

    @Test
    void aTokenWithATamperedPayloadGets401() throws Exception {
        String[] parts = signedByBackend(c -> c).split("\\.");
        String other =
                signedByBackend(c -> c.claim("roles", List.of("SUPERVISOR"))).split("\\.")[1];
        unauthorized(parts[0] + "." + other + "." + parts[2]);
    }

    @Test
    void anUnsignedAlgNoneTokenGets401() {
        unauthorized(new PlainJWT(validClaims().build()).serialize());
    }

    @Test
    void anExpiredTokenGets401() throws Exception {
        unauthorized(signedByBackend(c -> c.issueTime(Date.from(Instant.now().minusSeconds(3600)))
                .expirationTime(Date.from(Instant.now().minusSeconds(600)))));
    }

    @Test
    void aTokenForAnotherAudienceGets401() throws Exception {
        unauthorized(signedByBackend(c -> c.audience("someone-else")));
    }

    @Test
    void aTokenFromAnotherIssuerGets401() throws Exception {
        unauthorized(signedByBackend(c -> c.issuer("https://elsewhere.example")));
    }

    @Test
    void aTokenMissingExpIatIssOrAudGets401EvenSignedByTheRealKey() throws Exception {
        unauthorized(signedByBackend(c -> c.expirationTime(null)));
        unauthorized(signedByBackend(c -> c.issueTime(null)));
        unauthorized(signedByBackend(c -> c.issuer(null)));
        unauthorized(signedByBackend(c -> c.audience((String) null)));
    }

    @Test
    void aTokenWithoutLifelineClaimsGets401() throws Exception {
        unauthorized(signedByBackend(c -> c.claim("supplier", null)));
        unauthorized(signedByBackend(c -> c.claim("roles", List.of("CUSTOMER"))));
    }

    @Test
    void aCodeEnvelopeIsNotAToken() {
        CodeView code = issue(t.token("agent"), t.meter1, "top-up", Map.of("amount", "1.00"))
                .expectStatus()
                .isCreated()
                .expectBody(CodeView.class)
                .returnResult()
                .getResponseBody();
        unauthorized(code.envelope());
    }
}
