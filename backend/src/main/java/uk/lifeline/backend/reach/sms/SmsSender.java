package uk.lifeline.backend.reach.sms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.delivery.BackgroundLoop;
import uk.lifeline.backend.reach.contact.PhoneNumber;

/**
 * Sends queued texts over the SMPP link: each step claims texts (committed before anything is sent) as room
 * frees up, so the link never idles between batches; they are submitted with up to {@code window} in flight and
 * at most {@code rate} a second, and each outcome is recorded as it comes. Throttled and queue-full answers are retried with doubling backoff; a link that is down costs no
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
    // Texts claimed and not yet recorded: at most about ten seconds' worth at the account's rate, so none waits
    // here long enough for its lease to run out.
    private final Semaphore claimable;
    private final int claimChunk;
    private volatile long housekeptAt;
    private final BackgroundLoop loop;
    // A receipt can overtake the recording of its submit's answer; it waits here until that is written.
    private final Map<String, Receipt> early = new ConcurrentHashMap<>();
    // SMSC ids answered and not yet recorded: a receipt for one waits in early without touching the database.
    private final Set<String> recording = ConcurrentHashMap.newKeySet();

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
        int outstanding = Math.min(config.batchSize(), Math.max(config.window(), config.ratePerSecond() * 10));
        this.claimable = new Semaphore(outstanding);
        this.claimChunk = Math.max(1, Math.min(config.window(), outstanding / 4));
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

    /**
     * Claims as many due texts as there is room for (waiting for a chunk of room first) and hands them to the
     * window; it does not wait for them. Returns how many were claimed.
     */
    int step() throws Exception {
        housekeep();
        claimable.acquire(claimChunk);
        int room = claimChunk + claimable.drainPermits();
        List<SmsMessages.Outgoing> claimed;
        try {
            claimed = messages.claim(room, config.lease(), now()).collectList().block();
        } catch (RuntimeException e) {
            claimable.release(room);
            throw e;
        }
        int n = claimed == null ? 0 : claimed.size();
        if (n > room) {
            log.error("claimed {} texts with room for {} (SmsMessages.claim must pick at most its limit)", n, room);
        }
        claimable.release(Math.max(0, room - n));
        for (int i = 0; i < n; i++) {
            SmsMessages.Outgoing m = claimed.get(i);
            try {
                window.execute(() -> {
                    try {
                        send(m);
                    } catch (RuntimeException e) {
                        // Its row stays SUBMITTING: when the lease runs out it is in doubt, settled by a receipt
                        // or sent again after lifeline.sms.in-doubt-resend.
                        log.warn("text {}: its outcome was not recorded", m.id(), e);
                    } finally {
                        claimable.release();
                    }
                });
            } catch (RejectedExecutionException e) {
                claimable.release(n - i); // stopping: the rest stay SUBMITTING until their lease runs out
                throw e;
            }
        }
        return n;
    }

    /**
     * At most once a second: the link bound while idle (replies and late receipts), texts whose sender stopped,
     * and texts in doubt long enough to send again.
     */
    private void housekeep() {
        long t = System.nanoTime();
        if (t - housekeptAt < 1_000_000_000L && housekeptAt != 0) {
            return;
        }
        housekeptAt = t;
        link.keepBound();
        Instant now = now();
        messages.leasesRunOut(now).block();
        messages.resendInDoubt(config.inDoubtResend(), now).block();
    }

    private void send(SmsMessages.Outgoing m) {
        SmsBody body = new SmsBody(m.body(), SmsBody.Encoding.valueOf(m.encoding()));
        pace.acquire();
        SubmitOutcome outcome = link.submit(m.phone(), body);
        Instant now = now();
        Mono<Void> record;
        if (outcome instanceof SubmitOutcome.Accepted a) {
            recording.add(a.smscId());
            record = messages.submitted(m.id(), a.smscId(), now)
                    .then(Mono.defer(() -> {
                        recording.remove(a.smscId());
                        Receipt r = early.remove(a.smscId());
                        return r == null
                                ? Mono.empty()
                                : messages.receipt(a.smscId(), r.delivered(), r.error(), now)
                                        .then();
                    }))
                    .doFinally(signal -> recording.remove(a.smscId()));
        } else if (outcome instanceof SubmitOutcome.Unanswered u) {
            // Its receipt may have come (on a new link) while we waited for the answer: it settles the text now.
            record = messages.unanswered(m.id(), u.reason(), now).then(Mono.fromRunnable(() -> settleEarly(m.phone())));
        } else if (outcome instanceof SubmitOutcome.RetryLater r && r.linkDown()) {
            record = messages.retryLater(m.id(), r.reason(), now.plus(config.reconnectFirst()));
        } else if (outcome instanceof SubmitOutcome.RetryLater r && m.attempts() >= config.maxAttempts()) {
            record = messages.failed(m.id(), r.reason() + " (gave up after " + m.attempts() + " attempts)", now);
        } else if (outcome instanceof SubmitOutcome.RetryLater r) {
            record = messages.retryLater(
                    m.id(),
                    r.reason(),
                    now.plus(Backoff.after(m.attempts(), config.firstRetry(), config.longestRetry())));
        } else {
            record = messages.failed(m.id(), ((SubmitOutcome.Refused) outcome).reason(), now);
        }
        record.block(Duration.ofSeconds(30));
    }

    @Override
    public void receipt(String smscId, String to, String textStart, boolean delivered, String error) {
        Instant now = now();
        if (recording.contains(smscId)) {
            early.put(smscId, new Receipt(to, textStart, delivered, error));
            // Recorded meanwhile, perhaps before this receipt was parked: whoever removes it settles it.
            Receipt mine = recording.contains(smscId) ? null : early.remove(smscId);
            if (mine != null) {
                settle(smscId, to, textStart, delivered, error, now);
            }
            return;
        }
        if (settle(smscId, to, textStart, delivered, error, now) || early.size() >= EARLY_RECEIPTS) {
            return;
        }
        early.put(smscId, new Receipt(to, textStart, delivered, error));
        // The submit's answer may have been recorded between the two: then its sender did not see this receipt.
        if (settle(smscId, to, textStart, delivered, error, now)) {
            early.remove(smscId);
        }
    }

    /** Receipts that matched no text when they came, to this number: a text just marked in doubt may take one. */
    private void settleEarly(String phone) {
        Instant now = now();
        early.forEach((smscId, r) -> {
            if (r.to().equals(phone) && settle(smscId, r.to(), r.textStart(), r.delivered(), r.error(), now)) {
                early.remove(smscId);
            }
        });
    }

    private boolean settle(String smscId, String to, String textStart, boolean delivered, String error, Instant now) {
        return Boolean.TRUE.equals(messages.receipt(smscId, delivered, error, now)
                .flatMap(moved ->
                        moved ? Mono.just(true) : messages.receiptInDoubt(smscId, to, textStart, delivered, error, now))
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
