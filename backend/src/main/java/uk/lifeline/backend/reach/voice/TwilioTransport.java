package uk.lifeline.backend.reach.voice;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Response;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.impl.client.HttpClientBuilder;

/**
 * The HTTP client the Twilio SDK talks through. The SDK's own client retries any 5xx answer by itself; creating a
 * call is not idempotent, so here every request is made exactly once and {@link VoiceSender} decides what a
 * failure means. Tests route the same client to a loopback server by giving it another builder.
 */
public interface TwilioTransport {

    /** The Apache client builder the SDK's {@link NetworkHttpClient} is built on. */
    HttpClientBuilder builder();

    default HttpClient client() {
        return new Once(builder()
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectTimeout(10_000)
                        .setSocketTimeout(30_000)
                        .setConnectionRequestTimeout(10_000)
                        .build()));
    }

    /** The SDK's network client without its own retries. */
    final class Once extends NetworkHttpClient {
        Once(HttpClientBuilder builder) {
            super(builder);
        }

        @Override
        protected boolean shouldRetry(Response response, int[] retryCodes) {
            return false;
        }
    }
}
