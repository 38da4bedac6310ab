package uk.lifeline.backend.reach.sms;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Text messages over SMPP 3.4 ({@code lifeline.sms.*}). With no {@code host} texts are off, unless the demo's
 * loopback SMSC is on ({@code demo-smsc}, the embedded default's choice).
 *
 * @param host, port the SMSC (the aggregator's or operator's SMPP server)
 * @param systemId, password, systemType the account's credentials (from the environment, never the repository)
 * @param sourceAddress the sender shown on the phone: an alphanumeric name (at most 11 characters) or a number
 * @param window submits in flight at once on the link (the account's window)
 * @param ratePerSecond submits per second at most (the account's rate)
 * @param enquireLink how often the link is checked when idle
 * @param transactionTimer how long to wait for an answer to one submit
 * @param reconnectFirst, reconnectLongest backoff between connection attempts (doubling)
 * @param firstRetry, longestRetry, maxAttempts backoff for throttled and queue-full answers (doubling)
 * @param batchSize texts claimed per step; {@code lease} how long a claimed text may stay unanswered
 * @param inDoubtResend how long a submit the SMSC never answered waits for a receipt before it is sent again
 * @param demoSmsc start a loopback SMSC (port {@code demoPort}, or a free one if taken) that accepts every text
 *     and receipts it; on by default with the demo data ({@code lifeline.demo.enabled})
 */
@ConfigurationProperties("lifeline.sms")
public record SmsProperties(
        String host,
        @DefaultValue("2775") int port,
        String systemId,
        String password,
        @DefaultValue("") String systemType,
        @DefaultValue("Lifeline") String sourceAddress,
        @DefaultValue("10") int window,
        @DefaultValue("100") int ratePerSecond,
        @DefaultValue("30s") Duration enquireLink,
        @DefaultValue("10s") Duration transactionTimer,
        @DefaultValue("1s") Duration reconnectFirst,
        @DefaultValue("1m") Duration reconnectLongest,
        @DefaultValue("2s") Duration firstRetry,
        @DefaultValue("10m") Duration longestRetry,
        @DefaultValue("10") int maxAttempts,
        @DefaultValue("200") int batchSize,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("false") boolean demoSmsc,
        @DefaultValue("27750") int demoPort,
        @DefaultValue("15m") Duration inDoubtResend) {

    public SmsProperties {
        if (window < 1 || window > 1000 || ratePerSecond < 1 || batchSize < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("lifeline.sms: window 1-1000, rate, batch size and attempts at least 1");
        }
    }

    /** Whether texts go anywhere. */
    public boolean configured() {
        return (host != null && !host.isBlank()) || demoSmsc;
    }

    /** The SMSC's host: the configured one, or loopback for the demo's SMSC. */
    public String smscHost() {
        return host != null && !host.isBlank() ? host : "127.0.0.1";
    }

    public int smscPort() {
        return host != null && !host.isBlank() ? port : demoPort;
    }

    /** The same, with the demo's SMSC on {@code port} (the one it took). */
    SmsProperties withDemoPort(int port) {
        return new SmsProperties(
                host,
                this.port,
                systemId,
                password,
                systemType,
                sourceAddress,
                window,
                ratePerSecond,
                enquireLink,
                transactionTimer,
                reconnectFirst,
                reconnectLongest,
                firstRetry,
                longestRetry,
                maxAttempts,
                batchSize,
                pollInterval,
                lease,
                demoSmsc,
                port,
                inDoubtResend);
    }

    @Override
    public String toString() {
        return "SmsProperties[" + smscHost() + ":" + smscPort() + ", systemId " + systemId + ", window " + window
                + ", rate " + ratePerSecond + "/s]";
    }
}
