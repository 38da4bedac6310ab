package uk.lifeline.backend.auth;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Reads the bearer token from the Authorization header (RFC 6750 section 2.1: {@code Bearer} in any case, one
 * space, a b64token), with the answers of Spring Security's own converter: no header or another scheme is no token;
 * a malformed one is {@code invalid_token}. Tokens in query strings and form bodies are not accepted, as before.
 * Written as a loop: Spring's converter runs a case-insensitive regular expression over the whole token on every
 * request. {@code BearerTokensTest} checks both give the same answer.
 */
final class BearerTokens implements ServerAuthenticationConverter {

    private static final String SCHEME = "Bearer ";

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        // A header that starts with the scheme's name, "Bearer" in any case, is taken to hold a bearer token.
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length() - 1)) {
            return Mono.empty();
        }
        String token = token(header);
        if (token == null) {
            return Mono.error(
                    new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed")));
        }
        return Mono.just(new BearerTokenAuthenticationToken(token));
    }

    /** The b64token after {@code "Bearer "}, or null: token68 characters, at least one, then any number of '='. */
    static String token(String header) {
        int start = SCHEME.length();
        if (header.length() <= start || header.charAt(start - 1) != ' ') {
            return null;
        }
        int end = header.length();
        while (end > start && header.charAt(end - 1) == '=') {
            end--;
        }
        if (end == start) {
            return null;
        }
        for (int i = start; i < end; i++) {
            char c = header.charAt(i);
            boolean ok = c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~'
                    || c == '+'
                    || c == '/';
            if (!ok) {
                return null;
            }
        }
        return header.substring(start);
    }
}
