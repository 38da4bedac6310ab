package uk.lifeline.backend.testing;

import org.springframework.test.web.reactive.server.WebTestClient;

/** Asserts an answer is an RFC 9457 problem of one type. Stateless. */
public final class ProblemAssert {

    private ProblemAssert() {}

    /** The answer has this status, is problem+json, and has this type; returns its body for more checks. */
    public static WebTestClient.BodyContentSpec problem(WebTestClient.ResponseSpec response, int status, String type) {
        return response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:lifeline:problem:" + type);
    }
}
