package uk.lifeline.backend.reach.sms;

import java.io.IOException;
import java.net.SocketException;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.ServerResponseDeliveryAdapter;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small SMSC on loopback, built on jSMPP's server side: binds transceivers, takes submit_sm, answers each with a
 * message id, sends a delivery receipt after the answer, and can send customers' texts (deliver_sm) to the bound
 * links. The demo uses it so texts flow with nothing configured, and shows what it received on the demo phones
 * page; tests steer its answers ({@link #answer}). Thread-safe.
 */
public final class LoopbackSmsc implements AutoCloseable {

    /** A text the SMSC took. */
    public record Received(String smscId, String to, String from, String text, boolean ucs2) {}

    /** How the SMSC answers one submit: take it, or refuse it with an SMPP command status, or drop the link. */
    public sealed interface Answer {
        record Take() implements Answer {}

        record Refuse(int commandStatus) implements Answer {}

        record DropLink() implements Answer {}
    }

    private static final Logger log = LoggerFactory.getLogger(LoopbackSmsc.class);
    private static final long RECEIPT_RETRY_MS = 500;

    private final SMPPServerSessionListener listener;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-smsc");
        t.setDaemon(true);
        return t;
    });
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private final Map<String, Received> byId = new ConcurrentHashMap<>();
    private final Set<SMPPServerSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong(0x5000);
    private final AtomicLong binds = new AtomicLong();
    private final AtomicReference<Function<Received, Answer>> answer = new AtomicReference<>(r -> new Answer.Take());
    private final AtomicReference<Function<Received, DeliveryReceiptState>> receiptState =
            new AtomicReference<>(r -> DeliveryReceiptState.DELIVRD);
    private final List<String> owed = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public LoopbackSmsc(int port) throws IOException {
        listener = new SMPPServerSessionListener(port);
        listener.setMessageReceiverListener(new Receiver());
        listener.setResponseDeliveryListener(new ServerResponseDeliveryAdapter() {
            @Override
            public void onSubmitSmRespSent(SubmitSmResult result, SMPPServerSession session) {
                workers.execute(() -> sendReceipt(result.getMessageId(), session));
            }

            @Override
            public void onSubmitSmRespError(SubmitSmResult result, Exception e, SMPPServerSession session) {
                // Taken, but the answer was lost with the link: the receipt goes on the next link, as an SMSC's would.
                owe(result.getMessageId());
            }
        });
        workers.execute(this::acceptLoop);
    }

    public int port() {
        return listener.getPort();
    }

    /** Steers the answers to submits (tests: throttling, a full queue, a dropped link). */
    public void answer(Function<Received, Answer> how) {
        answer.set(how);
    }

    /** Steers the receipts (tests: undelivered). */
    public void receipts(Function<Received, DeliveryReceiptState> how) {
        receiptState.set(how);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** How many binds the SMSC accepted. */
    public long binds() {
        return binds.get();
    }

    /** A customer's text from {@code from} (E.164) to the service, sent to one bound link. */
    public void sendText(String from, String text) throws Exception {
        SmsBody body = SmsBody.onePart(text).orElseThrow();
        SMPPServerSession s = sessions.stream()
                .filter(x -> x.getSessionState().isBound())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no bound link"));
        s.deliverShortMessage(
                "",
                TypeOfNumber.INTERNATIONAL,
                NumberingPlanIndicator.ISDN,
                from.substring(1),
                TypeOfNumber.ALPHANUMERIC,
                NumberingPlanIndicator.UNKNOWN,
                "Lifeline",
                new ESMClass(),
                (byte) 0,
                (byte) 0,
                new RegisteredDelivery(),
                new GeneralDataCoding(
                        body.encoding() == SmsBody.Encoding.UCS2 ? Alphabet.ALPHA_UCS2 : Alphabet.ALPHA_DEFAULT),
                body.octets());
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SMPPServerSession session = listener.accept();
                workers.execute(() -> bind(session));
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    log.warn("loopback SMSC: accept failed", e);
                }
            }
        }
    }

    private void bind(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(5_000);
            request.accept("loopback-smsc");
            sessions.add(session);
            binds.incrementAndGet();
            payOwed();
        } catch (Exception e) {
            log.debug("loopback SMSC: bind failed", e);
            session.close();
        }
    }

    /** A receipt that could not go: kept for the next bound link, as an SMSC keeps it. */
    private void owe(String smscId) {
        owed.add(smscId);
        payOwed(); // a link may have bound while this one was failing
    }

    private void payOwed() {
        SMPPServerSession s = sessions.stream()
                .filter(x -> x.getSessionState().isBound())
                .findFirst()
                .orElse(null);
        if (s == null) {
            return;
        }
        for (String id : List.copyOf(owed)) {
            if (owed.remove(id)) {
                workers.execute(() -> sendReceipt(id, s));
            }
        }
    }

    private void sendReceipt(String smscId, SMPPServerSession session) {
        Received r = byId.get(smscId);
        if (r == null) {
            return;
        }
        if (!session.getSessionState().isBound()) {
            owe(smscId);
            return;
        }
        DeliveryReceiptState state = receiptState.get().apply(r);
        Date now = new Date();
        DeliveryReceipt receipt = new DeliveryReceipt(
                smscId,
                1,
                state == DeliveryReceiptState.DELIVRD ? 1 : 0,
                now,
                now,
                state,
                state == DeliveryReceiptState.DELIVRD ? "000" : "001",
                r.text().substring(0, Math.min(20, r.text().length())));
        try {
            session.deliverShortMessage(
                    "",
                    TypeOfNumber.INTERNATIONAL,
                    NumberingPlanIndicator.ISDN,
                    r.to().substring(1),
                    TypeOfNumber.ALPHANUMERIC,
                    NumberingPlanIndicator.UNKNOWN,
                    r.from(),
                    new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
                    (byte) 0,
                    (byte) 0,
                    new RegisteredDelivery(),
                    new GeneralDataCoding(Alphabet.ALPHA_DEFAULT),
                    receipt.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (NegativeResponseException | ResponseTimeoutException e) {
            // The link is up but the client was busy: it answered "throttled" (a header-only deliver_sm_resp that
            // jSMPP's own server side cannot read, so it times out). An SMSC tries the receipt again shortly.
            if (!closed) {
                CompletableFuture.runAsync(
                        () -> sendReceipt(smscId, session),
                        CompletableFuture.delayedExecutor(RECEIPT_RETRY_MS, TimeUnit.MILLISECONDS, workers));
            }
        } catch (Exception e) {
            // The answer went out but the link died before the receipt: the client may never have read the answer.
            log.debug("loopback SMSC: receipt {} not sent, owed to the next link", smscId, e);
            sessions.remove(session);
            owe(smscId);
        }
    }

    @Override
    public void close() {
        closed = true;
        sessions.forEach(SMPPServerSession::close);
        try {
            listener.close();
        } catch (IOException e) {
            log.debug("loopback SMSC: close", e);
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Receiver implements ServerMessageReceiverListener {
        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submit, SMPPServerSession session)
                throws ProcessRequestException {
            boolean ucs2 = (submit.getDataCoding() & 0x0F) == 0x08;
            String id = Long.toHexString(ids.incrementAndGet()).toUpperCase(Locale.ROOT);
            Received r = new Received(
                    id,
                    "+" + submit.getDestAddress(),
                    submit.getSourceAddr(),
                    SmsBody.decode(submit.getShortMessage(), ucs2),
                    ucs2);
            Answer a = answer.get().apply(r);
            if (a instanceof Answer.Refuse refuse) {
                throw new ProcessRequestException("refused", refuse.commandStatus());
            }
            if (a instanceof Answer.DropLink) {
                sessions.remove(session);
                session.close();
                throw new ProcessRequestException("link dropped", SMPPConstant.STAT_ESME_RSYSERR);
            }
            byId.put(id, r);
            received.add(r);
            try {
                return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
            } catch (org.jsmpp.PDUStringException e) {
                throw new ProcessRequestException("bad id", SMPPConstant.STAT_ESME_RSYSERR);
            }
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(
                QueryBroadcastSm queryBroadcastSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }
}
