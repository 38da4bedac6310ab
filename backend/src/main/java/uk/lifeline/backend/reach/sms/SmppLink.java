package uk.lifeline.backend.reach.sms;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.InvalidDeliveryReceiptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMPP 3.4 transceiver link to the SMSC, through jSMPP: binds on first use and again after the link drops
 * (waiting longer after each failed attempt), keeps it alive with enquire_link, submits one-part texts with a
 * delivery receipt requested, and hands receipts and customers' texts to its {@link Listener}, acknowledging
 * each only once the listener has stored it. Thread-safe: submits from several threads share the link (the
 * window).
 */
final class SmppLink implements AutoCloseable {

    /** What arrives from the SMSC; each call blocks until it is stored, and throws if it could not be. */
    interface Listener {
        /**
         * @param to the number the text went to
         * @param textStart the receipt's {@code text:} field, the text's first characters
         */
        void receipt(String smscId, String to, String textStart, boolean delivered, String error);

        void text(String from, String to, String text);
    }

    private static final Logger log = LoggerFactory.getLogger(SmppLink.class);
    private static final int PDU_THREADS = 8;
    private static final int PDU_QUEUE = 2000;

    private final SmsProperties config;
    private final Listener listener;
    private SMPPSession session;
    private long nextConnectAt;
    private int failedConnects;
    private volatile boolean closed;

    SmppLink(SmsProperties config, Listener listener) {
        this.config = config;
        this.listener = listener;
    }

    /** Submits one text to an E.164 number. */
    SubmitOutcome submit(String to, SmsBody body) {
        SMPPSession s;
        try {
            s = bound();
        } catch (IOException e) {
            return new SubmitOutcome.RetryLater("no SMPP link: " + e.getMessage(), true);
        }
        try {
            var result = s.submitShortMessage(
                    config.systemType(),
                    TypeOfNumber.ALPHANUMERIC,
                    NumberingPlanIndicator.UNKNOWN,
                    config.sourceAddress(),
                    TypeOfNumber.INTERNATIONAL,
                    NumberingPlanIndicator.ISDN,
                    to.substring(1),
                    new ESMClass(),
                    (byte) 0,
                    (byte) 1,
                    null,
                    null,
                    new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE),
                    (byte) 0,
                    dataCoding(body),
                    (byte) 0,
                    body.octets());
            return new SubmitOutcome.Accepted(result.getMessageId());
        } catch (NegativeResponseException e) {
            int status = e.getCommandStatus();
            String name = statusName(status);
            return switch (status) {
                case SMPPConstant.STAT_ESME_RTHROTTLED,
                        SMPPConstant.STAT_ESME_RMSGQFUL,
                        SMPPConstant.STAT_ESME_RSYSERR,
                        SMPPConstant.STAT_ESME_RX_T_APPN -> new SubmitOutcome.RetryLater(name, false);
                default -> new SubmitOutcome.Refused(name);
            };
        } catch (ResponseTimeoutException e) {
            return new SubmitOutcome.Unanswered("no answer to submit_sm within " + config.transactionTimer());
        } catch (IOException e) {
            // jSMPP throws this only when writing the PDU failed: nothing reached the SMSC.
            drop(s);
            return new SubmitOutcome.RetryLater("SMPP link lost: " + e.getMessage(), true);
        } catch (PDUException | InvalidResponseException e) {
            return new SubmitOutcome.Refused("bad PDU: " + e.getMessage());
        }
    }

    /**
     * Binds when the link is down (within the reconnect backoff): a transceiver stays bound while idle, or the
     * customers' replies and late receipts would wait until the next text goes out.
     */
    void keepBound() {
        try {
            bound();
        } catch (IOException e) {
            // Logged by bound(); the next step tries again after the backoff.
        }
    }

    /** Whether a bound link is up now (for health). */
    synchronized boolean isBound() {
        return session != null && session.getSessionState().isBound();
    }

    private synchronized SMPPSession bound() throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        if (session != null && session.getSessionState().isBound()) {
            return session;
        }
        if (session != null) {
            session.close();
            session = null;
        }
        long now = System.nanoTime();
        if (now < nextConnectAt) {
            throw new IOException(
                    "reconnecting in " + Duration.ofNanos(nextConnectAt - now).toMillis() + " ms");
        }
        SMPPSession s = new SMPPSession();
        s.setEnquireLinkTimer((int) config.enquireLink().toMillis());
        s.setTransactionTimer(config.transactionTimer().toMillis());
        // Receipts come at up to the account's rate and each is written before it is acknowledged: enough threads
        // to keep up, and room to queue a burst; beyond it jSMPP answers "throttled" and the SMSC sends it again.
        s.setPduProcessorDegree(PDU_THREADS);
        s.setQueueCapacity(PDU_QUEUE);
        s.setMessageReceiverListener(new Receiver());
        try {
            s.connectAndBind(
                    config.smscHost(),
                    config.smscPort(),
                    new BindParameter(
                            BindType.BIND_TRX,
                            config.systemId(),
                            config.password(),
                            config.systemType(),
                            TypeOfNumber.UNKNOWN,
                            NumberingPlanIndicator.UNKNOWN,
                            null),
                    config.transactionTimer().toMillis());
        } catch (IOException e) {
            s.close();
            failedConnects++;
            nextConnectAt = System.nanoTime()
                    + Backoff.after(failedConnects, config.reconnectFirst(), config.reconnectLongest())
                            .toNanos();
            log.warn(
                    "SMPP bind to {}:{} failed ({} in a row): {}",
                    config.smscHost(),
                    config.smscPort(),
                    failedConnects,
                    e.getMessage());
            throw e;
        }
        failedConnects = 0;
        session = s;
        log.info("SMPP bound as transceiver to {}:{}", config.smscHost(), config.smscPort());
        return s;
    }

    private synchronized void drop(SMPPSession s) {
        if (session == s) {
            session.close();
            session = null;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (session != null) {
            session.unbindAndClose();
            session = null;
        }
    }

    private static GeneralDataCoding dataCoding(SmsBody body) {
        return new GeneralDataCoding(
                body.encoding() == SmsBody.Encoding.UCS2 ? Alphabet.ALPHA_UCS2 : Alphabet.ALPHA_DEFAULT);
    }

    static String statusName(int status) {
        return switch (status) {
            case SMPPConstant.STAT_ESME_RTHROTTLED -> "ESME_RTHROTTLED";
            case SMPPConstant.STAT_ESME_RMSGQFUL -> "ESME_RMSGQFUL";
            case SMPPConstant.STAT_ESME_RSYSERR -> "ESME_RSYSERR";
            case SMPPConstant.STAT_ESME_RINVDSTADR -> "ESME_RINVDSTADR";
            case SMPPConstant.STAT_ESME_RX_T_APPN -> "ESME_RX_T_APPN";
            default -> String.format(Locale.ROOT, "command_status 0x%08X", status);
        };
    }

    /** Receipts and customers' texts, acknowledged only once stored; a failure asks the SMSC to try again. */
    private final class Receiver implements MessageReceiverListener {
        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
            try {
                if (deliverSm.isSmscDeliveryReceipt()) {
                    DeliveryReceipt r = deliverSm.getShortMessageAsDeliveryReceipt();
                    listener.receipt(
                            r.getId(),
                            "+" + deliverSm.getSourceAddr(),
                            r.getText(),
                            r.getFinalStatus() == DeliveryReceiptState.DELIVRD,
                            r.getFinalStatus() == DeliveryReceiptState.DELIVRD
                                    ? null
                                    : r.getFinalStatus() + " err:" + r.getError());
                } else {
                    boolean ucs2 = (deliverSm.getDataCoding() & 0x0F) == 0x08;
                    listener.text(
                            "+" + deliverSm.getSourceAddr(),
                            deliverSm.getDestAddress(),
                            SmsBody.decode(deliverSm.getShortMessage(), ucs2));
                }
            } catch (InvalidDeliveryReceiptException e) {
                log.warn("an unreadable delivery receipt was ignored: {}", e.getMessage());
            } catch (RuntimeException e) {
                log.warn("a deliver_sm could not be stored; the SMSC will send it again", e);
                throw new ProcessRequestException("not stored", SMPPConstant.STAT_ESME_RX_T_APPN);
            }
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {}

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm is not used", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }
}
