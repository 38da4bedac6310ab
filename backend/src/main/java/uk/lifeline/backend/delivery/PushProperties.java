package uk.lifeline.backend.delivery;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Push delivery through Firebase Cloud Messaging.
 *
 * @param credentialsFile a Google service-account JSON file for the Firebase project; empty (the embedded
 *     default) means no push: the app pulls and streams instead, and start-up and health say so
 * @param projectId the Firebase project id; empty takes the service account's
 * @param endpoint a base URL that replaces {@code https://*.googleapis.com} (FCM and the token exchange): a fake
 *     FCM on loopback for load tests; empty for the real service
 * @param transport HTTP/1.1 or HTTP/2 to FCM (to the endpoint: in clear text); empty is HTTP/2, firebase-admin's
 *     default against Google and the cheaper in CPU per message against a loopback endpoint (docs/performance.md)
 * @param batchSize messages per FCM call (sendEach), at most 500
 * @param threads HTTP requests to FCM in flight at once, per dispatcher
 * @param dispatchers dispatcher loops per instance: one claims and records in the database while the other sends
 *     (two loops of 32 threads, each claim a page, pushed as fast as four at less CPU: docs/performance.md)
 * @param pollInterval how often the dispatcher looks for due messages when it has not been woken
 * @param lease how long a claimed batch may take before its messages are taken to be in doubt
 * @param firstRetry the first retry's delay; each later one doubles, with jitter, up to {@code longestRetry}
 * @param maxAttempts attempts before a message is given up as FAILED
 * @param longestTtl FCM's longest time-to-live (28 days); a message's TTL is its code's or notice's remaining life
 */
@ConfigurationProperties("lifeline.push")
public record PushProperties(
        Path credentialsFile,
        String projectId,
        String endpoint,
        Transport transport,
        @DefaultValue("500") int batchSize,
        @DefaultValue("32") int threads,
        @DefaultValue("2") int dispatchers,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("2s") Duration firstRetry,
        @DefaultValue("1h") Duration longestRetry,
        @DefaultValue("10") int maxAttempts,
        @DefaultValue("28d") Duration longestTtl) {

    public PushProperties {
        transport = transport == null ? Transport.HTTP2 : transport;
        if (batchSize < 1 || batchSize > 500) {
            throw new IllegalArgumentException("lifeline.push.batch-size must be 1 to 500 (FCM's limit)");
        }
    }

    /** How HTTP goes to FCM. */
    public enum Transport {
        /** HTTP/1.1 on the JDK's {@code HttpURLConnection}, one kept-alive connection per sending thread. */
        HTTP1("HTTP/1.1"),
        /** HTTP/2 on Apache HttpClient 5, requests multiplexed on few connections: firebase-admin's default. */
        HTTP2("HTTP/2");

        public final String protocol;

        Transport(String protocol) {
            this.protocol = protocol;
        }
    }

    /** Whether pushes go to a test endpoint rather than Google. */
    public boolean loopback() {
        return endpoint != null && !endpoint.isBlank();
    }

    public boolean configured() {
        return credentialsFile != null && !credentialsFile.toString().isBlank();
    }
}
