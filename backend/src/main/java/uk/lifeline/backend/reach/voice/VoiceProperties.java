package uk.lifeline.backend.reach.voice;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Voice calls through Twilio Programmable Voice ({@code lifeline.voice.*}). With no account, token, from-number
 * and public base URL, calls are off, unless {@code demo} is on (the embedded default's choice): then each call's
 * script is recorded as it would be said, and nobody is dialled.
 *
 * @param accountSid, authToken the Twilio account (from the environment, never the repository); the token also
 *     signs Twilio's webhooks
 * @param fromNumber the number calls come from, which is also the inbound number customers ring (E.164)
 * @param callCentreNumber where key 0 puts the caller through to (E.164)
 * @param publicBaseUrl how Twilio reaches this backend, e.g. {@code https://lifeline.example.co.uk}: webhook
 *     signatures cover the full URL, so it must be exactly what Twilio calls
 * @param englishVoice, welshVoice the Say voices (Twilio's names): Amazon Polly's en-GB and cy-GB voices
 * @param firstRetry, longestRetry, maxAttempts backoff for Twilio's 429 and 503 answers (doubling)
 * @param lease how long a claimed call may stay unanswered by Twilio before it counts as in doubt
 * @param pinAttempts wrong PINs in a row before the inbound line locks the PIN
 */
@ConfigurationProperties("lifeline.voice")
public record VoiceProperties(
        String accountSid,
        String authToken,
        String fromNumber,
        String callCentreNumber,
        String publicBaseUrl,
        @DefaultValue("Polly.Amy") String englishVoice,
        @DefaultValue("Polly.Gwyneth") String welshVoice,
        @DefaultValue("false") boolean demo,
        @DefaultValue("2s") Duration firstRetry,
        @DefaultValue("5m") Duration longestRetry,
        @DefaultValue("6") int maxAttempts,
        @DefaultValue("20") int batchSize,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("5") int pinAttempts) {

    public VoiceProperties {
        if (maxAttempts < 1 || batchSize < 1 || pinAttempts < 1) {
            throw new IllegalArgumentException("lifeline.voice: attempts, batch size and PIN attempts at least 1");
        }
    }

    /** Whether real calls are made: everything Twilio needs is set. */
    public boolean configured() {
        return present(accountSid) && present(authToken) && present(fromNumber) && present(publicBaseUrl);
    }

    /** The public base URL without a trailing slash. */
    String base() {
        return publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    @Override
    public String toString() {
        // Never the token.
        return "VoiceProperties[account " + accountSid + ", from " + fromNumber + ", webhooks " + publicBaseUrl + "]";
    }
}
