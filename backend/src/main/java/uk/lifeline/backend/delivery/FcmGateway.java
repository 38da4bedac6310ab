package uk.lifeline.backend.delivery;

import com.google.api.client.http.HttpTransport;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.ErrorCode;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.IncomingHttpResponse;
import com.google.firebase.ThreadManager;
import com.google.firebase.messaging.AndroidConfig;
import com.google.firebase.messaging.AndroidNotification;
import com.google.firebase.messaging.BatchResponse;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.MessagingErrorCode;
import com.google.firebase.messaging.Notification;
import com.google.firebase.messaging.SendResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends through Firebase Cloud Messaging with the Admin SDK: {@code sendEach} over up to 500 messages, each one
 * HTTP v1 request ({@code POST /v1/projects/{id}/messages:send}) on a bounded pool of threads. Each FCM error
 * becomes an outcome: UNAVAILABLE, INTERNAL and QUOTA_EXCEEDED (and no answer at all) are retried later,
 * honouring Retry-After; UNREGISTERED and INVALID_ARGUMENT retire the token. The SDK itself already retries a
 * 503 up to four times within 60 s (backing off, honouring a Retry-After up to 60 s) before it reports
 * UNAVAILABLE. Thread-safe.
 */
public final class FcmGateway implements PushGateway, AutoCloseable {

    private final FirebaseApp app;
    private final FirebaseMessaging messaging;
    private final String description;

    private FcmGateway(FirebaseApp app, String description) {
        this.app = app;
        this.messaging = FirebaseMessaging.getInstance(app);
        this.description = description;
    }

    /**
     * @param transport how HTTP goes out: null for the SDK's default, a loopback-rewriting one for load tests, or
     *     the google-http-client testing transport
     * @param via how it goes, for the description (e.g. "over HTTP/2"), or null
     */
    public static FcmGateway create(
            GoogleCredentials credentials, String projectId, HttpTransport transport, int threads, String via) {
        FirebaseOptions.Builder options = FirebaseOptions.builder()
                .setCredentials(credentials)
                .setProjectId(projectId)
                .setConnectTimeout(10_000)
                .setReadTimeout(30_000)
                .setThreadManager(new BoundedThreads(threads));
        if (transport != null) {
            options.setHttpTransport(transport);
        }
        // A name of its own, so several backends (tests) can live in one JVM.
        FirebaseApp app = FirebaseApp.initializeApp(options.build(), "lifeline-" + UUID.randomUUID());
        return new FcmGateway(app, "FCM project " + projectId + (via == null ? "" : " " + via));
    }

    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<PushOutcome> send(List<Push> batch) {
        List<Message> messages = new ArrayList<>(batch.size());
        for (Push push : batch) {
            messages.add(message(push));
        }
        List<PushOutcome> outcomes = new ArrayList<>(batch.size());
        try {
            BatchResponse answer = messaging.sendEach(messages);
            List<SendResponse> responses = answer.getResponses();
            for (int i = 0; i < batch.size(); i++) {
                SendResponse response = responses.get(i);
                long id = batch.get(i).deliveryId();
                outcomes.add(
                        response.isSuccessful()
                                ? PushOutcome.sent(id, response.getMessageId())
                                : refused(id, response.getException()));
            }
        } catch (FirebaseMessagingException whole) {
            // The batch as a whole failed (e.g. no access token): nothing was sent.
            for (Push push : batch) {
                outcomes.add(refused(push.deliveryId(), whole));
            }
        }
        return outcomes;
    }

    /** The FCM v1 message: data for the app, a visible notification, and Android priority, TTL and channel. */
    // firebase-admin 9.10+ deprecates targeting by registration token in favour of a Firebase installation id
    // (fid); phones register tokens today and FCM still takes them: moving to fid comes with the app's Firebase
    // client (issue 15), so this one deprecation is accepted here.
    @SuppressWarnings("deprecation")
    static Message message(Push push) {
        return Message.builder()
                .setToken(push.token())
                .putAllData(push.data())
                .setNotification(Notification.builder()
                        .setTitle(push.title())
                        .setBody(push.body())
                        .build())
                .setAndroidConfig(AndroidConfig.builder()
                        .setPriority(push.highPriority() ? AndroidConfig.Priority.HIGH : AndroidConfig.Priority.NORMAL)
                        .setTtl(push.ttl().toMillis())
                        .setNotification(AndroidNotification.builder()
                                .setChannelId(push.channel())
                                .build())
                        .build())
                .build();
    }

    static PushOutcome refused(long deliveryId, FirebaseMessagingException e) {
        MessagingErrorCode fcm = e == null ? null : e.getMessagingErrorCode();
        ErrorCode general = e == null ? ErrorCode.UNKNOWN : e.getErrorCode();
        String error = (fcm != null ? fcm.name() : general.name()) + ": " + (e == null ? "no answer" : e.getMessage());
        PushOutcome.Result result;
        if (fcm == MessagingErrorCode.UNREGISTERED
                || fcm == MessagingErrorCode.INVALID_ARGUMENT
                || fcm == null && general == ErrorCode.INVALID_ARGUMENT) {
            result = PushOutcome.Result.RETIRE_TOKEN;
        } else if (fcm == MessagingErrorCode.UNAVAILABLE
                || fcm == MessagingErrorCode.INTERNAL
                || fcm == MessagingErrorCode.QUOTA_EXCEEDED
                || fcm == null && retryable(general)) {
            result = PushOutcome.Result.RETRY;
        } else {
            result = PushOutcome.Result.FAILED;
        }
        return new PushOutcome(
                deliveryId,
                result,
                null,
                error.length() > 500 ? error.substring(0, 500) : error,
                result == PushOutcome.Result.RETRY ? retryAfter(e == null ? null : e.getHttpResponse()) : null);
    }

    private static boolean retryable(ErrorCode code) {
        return switch (code) {
            case UNAVAILABLE, INTERNAL, RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED, UNKNOWN, ABORTED, UNAUTHENTICATED ->
                true;
            default -> false;
        };
    }

    /** Retry-After as seconds or an HTTP date (RFC 9110), or null when absent or unreadable. */
    static Duration retryAfter(IncomingHttpResponse response) {
        if (response == null) {
            return null;
        }
        for (Map.Entry<String, Object> header : response.getHeaders().entrySet()) {
            if (!"retry-after".equalsIgnoreCase(header.getKey())) {
                continue;
            }
            Object value = header.getValue();
            String text = String.valueOf(
                            value instanceof Collection<?> list && !list.isEmpty()
                                    ? list.iterator().next()
                                    : value)
                    .trim();
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(text)));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toInstant();
                    Duration wait = Duration.between(Instant.now(), at);
                    return wait.isNegative() ? Duration.ZERO : wait;
                } catch (java.time.format.DateTimeParseException unreadable) {
                    return null;
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        app.delete();
    }

    /** The SDK's sends run here: a fixed number of daemon threads rather than one per message. */
    private static final class BoundedThreads extends ThreadManager {
        private final int threads;
        private final AtomicInteger next = new AtomicInteger();

        BoundedThreads(int threads) {
            this.threads = threads;
        }

        @Override
        protected ExecutorService getExecutor(FirebaseApp app) {
            return Executors.newFixedThreadPool(threads, getThreadFactory());
        }

        @Override
        protected void releaseExecutor(FirebaseApp app, ExecutorService executor) {
            executor.shutdownNow();
        }

        @Override
        protected ThreadFactory getThreadFactory() {
            return runnable -> {
                Thread thread = new Thread(runnable, "fcm-send-" + next.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
        }
    }
}
