package uk.lifeline.backend.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;

/** The bearer token is read as Spring Security's own converter reads it: the same token, or the same refusal. */
class BearerTokensTest {

    private static final String TOKEN_CHARACTERS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~+/";

    private final ServerAuthenticationConverter ours = new BearerTokens();
    private final ServerAuthenticationConverter springs = new ServerBearerTokenAuthenticationConverter();

    /** What a converter answers for one Authorization header: the token, "none", or the OAuth2 error. */
    private static String answer(ServerAuthenticationConverter converter, String header) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/v1/customers");
        if (header != null) {
            request.header(HttpHeaders.AUTHORIZATION, header);
        }
        try {
            Authentication found =
                    converter.convert(MockServerWebExchange.from(request)).block();
            return found == null ? "none" : "token " + ((BearerTokenAuthenticationToken) found).getToken();
        } catch (OAuth2AuthenticationException e) {
            return "refused " + e.getError().getErrorCode() + ": "
                    + e.getError().getDescription();
        }
    }

    @Test
    void readsTheSameTokenOrGivesTheSameRefusalAsSpringSecurity() {
        List<String> headers = new ArrayList<>(List.of(
                "Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln",
                "bearer abc",
                "BEARER abc",
                "BeArEr abc==",
                "Bearer abc=",
                "Bearer a-b.c_d~e+f/g",
                "Bearer",
                "Bearer ",
                "Bearer  abc",
                "Bearer abc ",
                "Bearer ==",
                "Bearer abc=d",
                "Bearer a=b=",
                "Bearer a\tb",
                "Bearer ä",
                "Bearerabc",
                "Bearer:abc",
                "Basic dXNlcjpwYXNz",
                "Token abc",
                "",
                "bear"));
        headers.add(null);
        Random random = new Random(13);
        String alphabet = TOKEN_CHARACTERS + "= \t,;\"'\\%ä";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder header = new StringBuilder(random.nextBoolean() ? "Bearer " : "bearer ");
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                String from = random.nextInt(10) == 0 ? alphabet : TOKEN_CHARACTERS + "=";
                header.append(from.charAt(random.nextInt(from.length())));
            }
            headers.add(header.toString());
        }
        for (String header : headers) {
            assertThat(answer(ours, header)).as(String.valueOf(header)).isEqualTo(answer(springs, header));
        }
    }

    @Test
    void aMalformedTokenIsRefusedAsInvalidToken() {
        assertThat(answer(ours, "Bearer a b")).isEqualTo("refused invalid_token: Bearer token is malformed");
        assertThat(answer(ours, "Bearer " + "x".repeat(100_000))).isEqualTo("token " + "x".repeat(100_000));
    }
}
