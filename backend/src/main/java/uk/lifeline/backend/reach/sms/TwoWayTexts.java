package uk.lifeline.backend.reach.sms;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.reach.Channel;
import uk.lifeline.backend.reach.CodeDesk;
import uk.lifeline.backend.reach.CodeFacts;
import uk.lifeline.backend.reach.ReachTasks;
import uk.lifeline.backend.reach.contact.ContactPoints;
import uk.lifeline.backend.reach.contact.ContactStore;
import uk.lifeline.backend.reach.contact.PhoneNumber;

/**
 * Customers' replies: from a registered mobile, AGAIN (ETO) sends the latest waiting code again, DONE (WEDI)
 * records it as entered, HELP (CYMORTH) puts a call-back on the agents' list, STOP (STOPIO) turns texts off;
 * anything else gets one short explanation. Each reply, what it changes and the answer are written in one
 * transaction. A text from a number no customer registered changes nothing. Thread-safe.
 */
@Component
class TwoWayTexts implements TextReplies {

    private static final Logger log = LoggerFactory.getLogger(TwoWayTexts.class);

    private final ContactStore contacts;
    private final SmsMessages messages;
    private final CodeDesk codes;
    private final ReachTasks tasks;
    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Clock clock;

    TwoWayTexts(
            ContactStore contacts,
            SmsMessages messages,
            CodeDesk codes,
            ReachTasks tasks,
            DatabaseClient db,
            TransactionalOperator tx,
            Clock clock) {
        this.contacts = contacts;
        this.messages = messages;
        this.codes = codes;
        this.tasks = tasks;
        this.db = db;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public Mono<Void> received(PhoneNumber from, String text) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String body = text.length() > 160 ? text.substring(0, 160) : text;
        return contacts.byMobile(from).collectList().flatMap(owners -> {
            if (owners.isEmpty()) {
                log.info("a text from an unregistered number ({}) changed nothing", from.tail());
                return Mono.empty();
            }
            return Flux.fromIterable(owners)
                    .concatMap(o -> answer(o, from, body, now).as(tx::transactional))
                    .then();
        });
    }

    private Mono<Void> answer(ContactStore.Owned owner, PhoneNumber from, String text, Instant now) {
        ContactPoints c = owner.contact();
        var supplier = owner.supplierId();
        var customer = c.customerId();
        Mono<Void> keep = messages.received(supplier, customer, from, text, now).then();
        ReplyWord word = ReplyWord.read(text).orElse(null);
        if (word == null) {
            return keep.then(supplierName(supplier))
                    .flatMap(name -> reply(owner, from, SmsText.explanation(name, c.language()), now));
        }
        return keep.then(
                switch (word) {
                    case AGAIN ->
                        codes.latestWaiting(supplier, customer)
                                .flatMap(code -> Flux.fromIterable(SmsText.forCode(code, c.language()))
                                        .concatMap(b -> queue(owner, from, "code", code, b, now))
                                        .then(Mono.just(true)))
                                .switchIfEmpty(Mono.defer(() ->
                                        acknowledge(owner, from, word, now).thenReturn(true)))
                                .then();
                    case DONE ->
                        codes.latestWaiting(supplier, customer)
                                .flatMap(code -> codes.recordEntered(supplier, code.codeId(), Channel.SMS, now))
                                .then(acknowledge(owner, from, word, now));
                    case HELP ->
                        tasks.add(
                                        supplier,
                                        customer,
                                        ReachTasks.Kind.CALL_BACK,
                                        null,
                                        null,
                                        "asked for a call back by text (" + word.name() + ")",
                                        now)
                                .then(acknowledge(owner, from, word, now));
                    case STOP -> contacts.stopTexts(supplier, customer, now).then(acknowledge(owner, from, word, now));
                });
    }

    private Mono<Void> acknowledge(ContactStore.Owned owner, PhoneNumber to, ReplyWord word, Instant now) {
        return supplierName(owner.supplierId())
                .flatMap(name -> reply(
                        owner,
                        to,
                        SmsText.acknowledgement(name, word, owner.contact().language()),
                        now));
    }

    private Mono<Void> reply(ContactStore.Owned owner, PhoneNumber to, SmsBody body, Instant now) {
        return messages.queue(
                        new SmsMessages.Queued(
                                owner.supplierId(),
                                owner.contact().customerId(),
                                to,
                                "reply",
                                null,
                                null,
                                body,
                                now.plus(java.time.Duration.ofDays(1))),
                        now)
                .then();
    }

    private Mono<Void> queue(
            ContactStore.Owned owner, PhoneNumber to, String kind, CodeFacts code, SmsBody body, Instant now) {
        return messages.queue(
                        new SmsMessages.Queued(
                                owner.supplierId(),
                                owner.contact().customerId(),
                                to,
                                kind,
                                code.codeId(),
                                code.campaignId(),
                                body,
                                code.expiresAt()),
                        now)
                .then();
    }

    private Mono<String> supplierName(java.util.UUID supplier) {
        return db.sql("SELECT name FROM supplier WHERE id = :s")
                .bind("s", supplier)
                .map(r -> r.get(0, String.class))
                .one();
    }
}
