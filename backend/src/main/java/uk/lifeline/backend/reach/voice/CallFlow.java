package uk.lifeline.backend.reach.voice;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.reach.Channel;
import uk.lifeline.backend.reach.CodeDesk;
import uk.lifeline.backend.reach.CodeFacts;
import uk.lifeline.backend.reach.contact.ContactStore;
import uk.lifeline.backend.reach.contact.PhoneNumber;
import uk.lifeline.backend.reach.ladder.Ladder;
import uk.lifeline.words.Language;

/**
 * What happens on each of Twilio's (signed) webhooks: a call's status moves it and the ladder on; a key pressed
 * during a call repeats the code, records it as typed, or puts the caller through; the inbound line recognises a
 * caller by number and PIN and reads their waiting codes. Each webhook is one transaction. Never logs a PIN or a
 * code's digits. Thread-safe.
 */
@Component
class CallFlow {

    private static final Logger log = LoggerFactory.getLogger(CallFlow.class);

    /** A webhook's answer: scripts said in turn (more than one only when the caller's language is unknown). */
    record Answer(List<Script> scripts) {
        static Answer of(Script... scripts) {
            return new Answer(List.of(scripts));
        }
    }

    private final VoiceSetup setup;
    private final VoiceCalls calls;
    private final VoicePins pins;
    private final CodeDesk codes;
    private final ContactStore contacts;
    private final Ladder ladder;
    private final TransactionalOperator tx;
    private final Clock clock;

    CallFlow(
            VoiceSetup setup,
            VoiceCalls calls,
            VoicePins pins,
            CodeDesk codes,
            ContactStore contacts,
            Ladder ladder,
            TransactionalOperator tx,
            Clock clock) {
        this.setup = setup;
        this.calls = calls;
        this.pins = pins;
        this.codes = codes;
        this.contacts = contacts;
        this.ladder = ladder;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * A status callback for one of our outbound calls. Only the call Twilio made for this row moves it; a
     * replayed or late callback changes nothing. A call that ended without reaching the customer makes the call
     * centre's step due now.
     */
    Mono<Void> status(UUID id, String sid, String status) {
        Instant now = now();
        return calls.lock(id)
                .filter(c -> "OUT".equals(c.direction()) && sameCall(c, sid))
                .flatMap(c -> calls.moveTo(c, sid, status, now)
                        .flatMap(moved -> moved && VoiceCalls.NOT_REACHED.contains(status)
                                ? ladder.callCentreNow(c.supplierId(), c.codeId(), now)
                                : Mono.empty()))
                .then()
                .as(tx::transactional);
    }

    /** A status callback for the inbound line: a recorded inbound call moves on (it ends); others change nothing. */
    Mono<Void> inboundStatus(String sid, String status) {
        Instant now = now();
        return calls.lockInbound(sid)
                .flatMap(c -> calls.moveTo(c, sid, status, now))
                .then()
                .as(tx::transactional);
    }

    /** What an outbound call says when it is answered, when it was too long to send inline. */
    Mono<Answer> opening(UUID id, String sid) {
        return calls.lock(id)
                .filter(c -> "OUT".equals(c.direction()) && sameCall(c, sid) && !"demo".equals(c.state()))
                .flatMap(c -> codes.code(c.supplierId(), c.codeId())
                        .map(f -> Answer.of(setup.scripts().opening(c.id(), f, c.language()))))
                .defaultIfEmpty(Answer.of(Script.of(Language.ENGLISH, new Script.End())))
                .as(tx::transactional);
    }

    /** A key pressed during a call (outbound, or inbound after the PIN). */
    Mono<Answer> keys(UUID id, String sid, String digits) {
        Instant now = now();
        return calls.lock(id)
                .filter(c -> sameCall(c, sid) && !"demo".equals(c.state()))
                .flatMap(c -> "OUT".equals(c.direction()) ? outboundKey(c, digits, now) : inboundKey(c, digits, now))
                .defaultIfEmpty(Answer.of(Script.of(Language.ENGLISH, new Script.End())))
                .as(tx::transactional);
    }

    private Mono<Answer> outboundKey(VoiceCalls.Row c, String digits, Instant now) {
        CallScripts say = setup.scripts();
        Language language = c.language();
        Mono<CodeFacts> code = codes.code(c.supplierId(), c.codeId());
        return switch (digits) {
            case "1" ->
                code.map(f -> Answer.of(say.code(c.id(), f, language)))
                        .defaultIfEmpty(Answer.of(say.noCodes(language)));
            case "2" -> entered(c, c.codeId(), now).thenReturn(Answer.of(say.confirmed(language)));
            case "0" ->
                code.map(f -> Answer.of(say.agent(language, f.supplierPhone())))
                        .defaultIfEmpty(Answer.of(say.agent(language, null)));
            default -> Mono.just(Answer.of(say.notOnMenu(c.id(), language)));
        };
    }

    private Mono<Answer> inboundKey(VoiceCalls.Row c, String digits, Instant now) {
        CallScripts say = setup.scripts();
        Language language = c.language();
        int count = c.codeIds().size();
        if (c.position() >= count) {
            return Mono.just(Answer.of(say.noCodes(language)));
        }
        UUID current = c.codeIds().get(c.position());
        return switch (digits) {
            case "1" ->
                codes.code(c.supplierId(), current)
                        .map(f -> Answer.of(say.oneOf(c.id(), c.position() + 1, count, f, language)))
                        .defaultIfEmpty(Answer.of(say.noCodes(language)));
            case "2" ->
                entered(c, current, now)
                        .then(calls.position(c.id(), c.position() + 1, now))
                        .then(nextCode(c, c.position() + 1))
                        .map(next -> Answer.of(say.nextOrLast(c.id(), c.position() + 2, count, next, language)))
                        .defaultIfEmpty(Answer.of(say.nextOrLast(c.id(), 0, count, null, language)));
            case "0" -> Mono.just(Answer.of(say.agent(language, null)));
            default -> Mono.just(Answer.of(say.notOnMenu(c.id(), language)));
        };
    }

    private Mono<CodeFacts> nextCode(VoiceCalls.Row c, int position) {
        return position >= c.codeIds().size()
                ? Mono.empty()
                : codes.code(c.supplierId(), c.codeIds().get(position));
    }

    private Mono<Void> entered(VoiceCalls.Row c, UUID code, Instant now) {
        return codes.recordEntered(c.supplierId(), code, Channel.VOICE, now).then(calls.confirmed(c.id(), now));
    }

    /** A call to the inbound number: a known caller is asked for their PIN, in their language. */
    Mono<Answer> inbound(String from) {
        return callers(from)
                .collectList()
                .map(found -> found.isEmpty()
                        ? unknown()
                        : Answer.of(
                                setup.scripts().askPin(found.get(0).contact().language(), false)));
    }

    /**
     * The PIN a caller keyed. Every PIN of the customers who have this number is tried (one number may be shared,
     * e.g. a landline); a wrong PIN counts against each of them, and the fifth in a row locks it.
     */
    Mono<Answer> pin(String from, String keyed, String sid) {
        Instant now = now();
        CallScripts say = setup.scripts();
        return callers(from)
                .collectList()
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        return Mono.just(unknown());
                    }
                    Language language = found.get(0).contact().language();
                    return Flux.fromIterable(found)
                            .concatMap(
                                    o -> pins.lock(o.supplierId(), o.contact().customerId()))
                            .collectList()
                            .flatMap(held -> {
                                List<VoicePins.Pin> open =
                                        held.stream().filter(p -> !p.locked()).toList();
                                if (held.isEmpty()) {
                                    return Mono.just(Answer.of(say.noPin(language)));
                                }
                                if (open.isEmpty()) {
                                    return Mono.just(Answer.of(say.pinLocked(language)));
                                }
                                return Flux.fromIterable(open)
                                        .concatMap(p -> p.matches(keyed)
                                                .filter(Boolean::booleanValue)
                                                .map(ok -> p))
                                        .next()
                                        .flatMap(p -> pins.right(p).then(heard(p, found, from, sid, now)))
                                        .switchIfEmpty(Mono.defer(() -> wrong(open, language, now)));
                            });
                })
                .as(tx::transactional);
    }

    private Mono<Answer> wrong(List<VoicePins.Pin> open, Language language, Instant now) {
        int limit = setup.config().pinAttempts();
        return Flux.fromIterable(open)
                .concatMap(p -> pins.wrong(p, limit, now))
                .all(Boolean::booleanValue)
                .map(allLocked -> {
                    log.info("inbound line: a wrong PIN{}", allLocked ? "; the PIN is now locked" : "");
                    return Answer.of(
                            allLocked
                                    ? setup.scripts().pinLocked(language)
                                    : setup.scripts().askPin(language, true));
                });
    }

    /** The right PIN: the call is recorded and the caller hears how many codes wait, then the first. */
    private Mono<Answer> heard(
            VoicePins.Pin pin, List<ContactStore.Owned> found, String from, String sid, Instant now) {
        Language language = found.stream()
                .filter(o -> o.supplierId().equals(pin.supplierId())
                        && o.contact().customerId().equals(pin.customerId()))
                .findFirst()
                .map(o -> o.contact().language())
                .orElse(Language.ENGLISH);
        UUID id = UUID.randomUUID();
        return codes.waiting(pin.supplierId(), pin.customerId()).collectList().flatMap(waiting -> {
            Script script = waiting.isEmpty()
                    ? setup.scripts().noCodes(language)
                    : setup.scripts().waiting(id, waiting.size(), waiting.get(0), language);
            List<UUID> ids =
                    new ArrayList<>(waiting.stream().map(CodeFacts::codeId).toList());
            return calls.inbound(
                            id,
                            pin.supplierId(),
                            pin.customerId(),
                            PhoneNumber.parse(from).orElseThrow().e164(),
                            language,
                            sid,
                            ids,
                            script.plain(),
                            now)
                    .thenReturn(Answer.of(script));
        });
    }

    private Flux<ContactStore.Owned> callers(String from) {
        return PhoneNumber.parse(from)
                .filter(n -> from.startsWith("+"))
                .map(contacts::byCallerId)
                .orElse(Flux.empty());
    }

    private Answer unknown() {
        return Answer.of(setup.scripts().unknownCaller(), setup.scripts().unknownCallerWelsh());
    }

    /** The callback is about the call Twilio made for this row (a row in doubt learns its call here). */
    private static boolean sameCall(VoiceCalls.Row c, String sid) {
        return c.callSid() == null
                ? "in-doubt".equals(c.state()) || "requesting".equals(c.state())
                : c.callSid().equals(sid);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
