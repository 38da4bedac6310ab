package uk.lifeline.backend.reach.voice;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.conn.HttpHostConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.delivery.BackgroundLoop;
import uk.lifeline.backend.reach.CodeDesk;
import uk.lifeline.backend.reach.ladder.Ladder;
import uk.lifeline.backend.reach.sms.Backoff;

/**
 * Asks Twilio for the queued calls: each step claims a batch (committed before anything is asked), then makes one
 * Calls request per call, with the opening TwiML inline and a status callback for every event. 429 and 503 (and
 * a connection that was never made) are retried with doubling backoff; any other refusal fails the call and
 * makes the call centre's step due; an answer that was lost leaves the call in doubt, never asked for again, so
 * a customer is never rung twice for one code. Thread-safe.
 */
final class VoiceSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VoiceSender.class);
    static final List<String> EVENTS = List.of("initiated", "ringing", "answered", "completed");
    /** The most TwiML Twilio takes inline in a Calls request; a longer opening is fetched from a webhook. */
    static final int INLINE_TWIML_LIMIT = 4000;

    private final VoiceSetup setup;
    private final VoiceCalls calls;
    private final CodeDesk codes;
    private final Ladder ladder;
    private final TwilioRestClient twilio;
    private final Clock clock;
    private final BackgroundLoop loop;

    VoiceSender(
            VoiceSetup setup, VoiceCalls calls, CodeDesk codes, Ladder ladder, TwilioRestClient twilio, Clock clock) {
        this.setup = setup;
        this.calls = calls;
        this.codes = codes;
        this.ladder = ladder;
        this.twilio = twilio;
        this.clock = clock;
        this.loop = new BackgroundLoop(
                "voice-sender", 1, setup.config().pollInterval(), () -> Mono.fromCallable(this::step));
    }

    void start() {
        loop.start();
    }

    /** One batch: claim, ask, record. Returns how many were claimed. */
    int step() {
        calls.leasesRunOut(now()).block();
        List<VoiceCalls.Row> batch = calls.claim(
                        setup.config().batchSize(), setup.config().lease(), now())
                .collectList()
                .block();
        if (batch == null) {
            return 0;
        }
        batch.forEach(this::send);
        return batch.size();
    }

    private void send(VoiceCalls.Row call) {
        CodeDesk.Progress progress =
                codes.progress(call.supplierId(), call.codeId()).block();
        var facts = progress == CodeDesk.Progress.WAITING || progress == CodeDesk.Progress.FETCHED
                ? codes.code(call.supplierId(), call.codeId()).block()
                : null;
        if (facts == null) {
            // Confirmed, cancelled or expired since the ladder asked: nothing to say (the ladder stops by itself).
            record(calls.failed(call.id(), "not called: the code was confirmed, cancelled or expired", now())
                    .then());
            return;
        }
        String twiml =
                setup.scripts().opening(call.id(), facts, call.language()).twiml(setup.voices());
        VoiceProperties config = setup.config();
        try {
            PhoneNumber to = new PhoneNumber(call.phone());
            PhoneNumber from = new PhoneNumber(config.fromNumber());
            Call made = (inline(twiml)
                            ? Call.creator(to, from, new Twiml(twiml))
                            : Call.creator(to, from, URI.create(setup.hooks().opening(call.id())))
                                    .setMethod(HttpMethod.POST))
                    .setStatusCallback(setup.hooks().status(call.id()))
                    .setStatusCallbackEvent(EVENTS)
                    .setStatusCallbackMethod(HttpMethod.POST)
                    .create(twilio);
            record(calls.requested(call.id(), made.getSid(), String.valueOf(made.getStatus()), now()));
        } catch (ApiException e) {
            refused(call, e);
        } catch (ApiConnectionException e) {
            if (neverConnected(e)) {
                retry(call, "Twilio could not be reached: " + e.getMessage());
            } else {
                log.warn("voice call {}: Twilio's answer was lost; the call is in doubt", call.id());
                record(calls.inDoubt(call.id(), "answer lost: " + e.getMessage(), now()));
            }
        }
    }

    /** Whether the opening goes inline in the Calls request, or Twilio fetches it from the opening webhook. */
    static boolean inline(String twiml) {
        return twiml.length() <= INLINE_TWIML_LIMIT;
    }

    private void refused(VoiceCalls.Row call, ApiException e) {
        Integer status = e.getStatusCode();
        String error =
                "Twilio " + status + (e.getCode() == null ? "" : " (" + e.getCode() + ")") + ": " + e.getMessage();
        if (status != null && (status == 429 || status == 503)) {
            retry(call, error);
        } else if (status != null && status >= 500) {
            // Twilio may have made the call before failing to answer: never ask again.
            record(calls.inDoubt(call.id(), error, now()));
        } else {
            fail(call, error);
        }
    }

    private void retry(VoiceCalls.Row call, String error) {
        VoiceProperties config = setup.config();
        if (call.attempts() >= config.maxAttempts()) {
            fail(call, error + " (gave up after " + call.attempts() + " attempts)");
            return;
        }
        Duration wait = Backoff.after(call.attempts(), config.firstRetry(), config.longestRetry());
        record(calls.retryLater(call.id(), error, now().plus(wait), now()));
    }

    private void fail(VoiceCalls.Row call, String error) {
        Instant now = now();
        record(calls.failed(call.id(), error, now)
                .flatMap(moved -> moved ? ladder.callCentreNow(call.supplierId(), call.codeId(), now) : Mono.empty()));
    }

    private static boolean neverConnected(ApiConnectionException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof ConnectTimeoutException
                    || t instanceof HttpHostConnectException
                    || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    private static void record(Mono<Void> write) {
        write.block(Duration.ofSeconds(30));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public void close() {
        loop.stop();
    }
}
