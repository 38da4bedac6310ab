package uk.lifeline.backend.reach.sms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.delivery.BackgroundLoop;
import uk.lifeline.backend.reach.contact.PhoneNumber;

/**
 * Sends queued texts over the SMPP link: each step claims a batch (committed before anything is sent), submits
 * it with up to {@code window} submits in flight and at most {@code rate} a second, and records each outcome as
 * it comes. Throttled and queue-full answers are retried with doubling backoff; a link that is down costs no
 * attempt. Receipts move a text to DELIVERED or FAILED. Thread-safe.
 */
public final class SmsSender implements SmppLink.Listener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmsSender.class);
    private static final int EARLY_RECEIPTS = 10_000;

    private record Receipt(String to, String textStart, boolean delivered, String error) {}

    private final SmsProperties config;
    private final SmsMessages messages;
    private final TextReplies replies;
    private final Clock clock;
    private final SmppLink link;
    private final Pace pace;
    private final ExecutorService window;
    private final BackgroundLoop loop;
    // A receipt can overtake the recording of its submit's answer; it waits here until that is written.
    private final Map<String, Receipt> early = new ConcurrentHashMap<>();

    public SmsSender(SmsProperties config, SmsMessages messages, TextReplies replies, Clock clock) {
        this.config = config;
        this.messages = messages;
        this.replies = replies;
        this.clock = clock;
        this.link = new SmppLink(config, this);
        this.pace = new Pace(config.ratePerSecond());
        this.window = Executors.newFixedThreadPool(config.window(), r -> {
            Thread t = new Thread(r, "sms-window");
            t.setDaemon(true);
            return t;
        });
        this.loop = new BackgroundLoop("sms-sender", 1, config.pollInterval(), () -> Mono.fromCallable(this::step));
    }

    public void start() {
        loop.start();
    }

    /** Look for due texts now (e.g. just after queuing some). */
    public void wake() {
        loop.wake();
    }

    public boolean linkUp() {
        return link.isBound();
    }

    /** One batch: claim, submit within the window and the rate, record. Returns how many were claimed. */
    int step() throws Exception {
        link.keepBound();
        messages.leasesRunOut(now()).block();
        messages.resendInDoubt(config.inDoubtResend(), now()).block();
        List<SmsMessages.Outgoing> batch = messages.claim(config.batchSize(), config.lease(), now()).collectList()
                .block();
        if (batch == null || batch.isEmpty()) {
            return 0;
        }
        List<Future<?>> inFlight = batch.stream().<Future<?>>map(m -> window.submit(() -> send(m))).toList();
        for (Future<?> f : inFlight) {
            f.get();
        }
        return batch.size();
    }

    private void send(SmsMessages.Outgoing m) {
        SmsBody body = new SmsBody(m.body(), SmsBody.Encoding.valueOf(m.encoding()));
        pace.acquire();
        SubmitOutcome outcome = link.submit(m.phone(), body);
        Instant now = now();
        Mono<Void> record;
        if (outcome instanceof SubmitOutcome.Accepted a) {
            record = messages.submitted(m.id(), a.smscId(), now).then(Mono.defer(() -> {
                Receipt r = early.remove(a.smscId());
                return r == null ? Mono.empty() : messages.receipt(a.smscId(), r.delivered(), r.error(), now).then();
            }));
        } else if (outcome instanceof SubmitOutcome.Unanswered u) {
            record = messages.unanswered(m.id(), u.reason(), now);
        } else if (outcome instanceof SubmitOutcome.RetryLater r && r.linkDown()) {
            record = messages.retryLater(m.id(), r.reason(), now.plus(config.reconnectFirst()));
        } else if (outcome instanceof SubmitOutcome.RetryLater r && m.attempts() >= config.maxAttempts()) {
            record = messages.failed(m.id(), r.reason() + " (gave up after " + m.attempts() + " attempts)", now);
        } else if (outcome instanceof SubmitOutcome.RetryLater r) {
            record = messages.retryLater(m.id(), r.reason(),
                    now.plus(Backoff.after(m.attempts(), config.firstRetry(), config.longestRetry())));
        } else {
            record = messages.failed(m.id(), ((SubmitOutcome.Refused) outcome).reason(), now);
        }
        record.block(Duration.ofSeconds(30));
    }

    @Override
    public void receipt(String smscId, String to, String textStart, boolean delivered, String error) {
        Instant now = now();
        if (settle(smscId, to, textStart, delivered, error, now) || early.size() >= EARLY_RECEIPTS) {
            return;
        }
        early.put(smscId, new Receipt(to, textStart, delivered, error));
        // The submit's answer may have been recorded between the two: then its sender did not see this receipt.
        if (settle(smscId, to, textStart, delivered, error, now)) {
            early.remove(smscId);
        }
    }

    private boolean settle(String smscId, String to, String textStart, boolean delivered, String error, Instant now) {
        return Boolean.TRUE.equals(messages.receipt(smscId, delivered, error, now)
                .flatMap(moved -> moved ? Mono.just(true)
                        : messages.receiptInDoubt(smscId, to, textStart, delivered, error, now))
                .block(Duration.ofSeconds(30)));
    }

    @Override
    public void text(String from, String to, String text) {
        PhoneNumber number = PhoneNumber.parse(from).orElse(null);
        if (number == null) {
            log.info("a text from an unreadable number was ignored");
            return;
        }
        replies.received(number, text).block(Duration.ofSeconds(30));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public void close() {
        loop.stop();
        window.shutdownNow();
        link.close();
    }
}
