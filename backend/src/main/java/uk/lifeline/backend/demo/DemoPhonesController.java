package uk.lifeline.backend.demo;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import uk.lifeline.backend.auth.Caller;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.ProblemType;
import uk.lifeline.backend.reach.CallLog;
import uk.lifeline.backend.reach.contact.ContactPoints;
import uk.lifeline.backend.reach.contact.ContactStore;
import uk.lifeline.backend.reach.sms.DemoSmsc;
import uk.lifeline.backend.reach.sms.ReplyWord;
import uk.lifeline.backend.reach.sms.SmsBody;
import uk.lifeline.backend.reach.sms.SmsMessages;

/**
 * The demo phones page's data (only with {@code lifeline.demo.enabled}): for each of the supplier's customers with
 * a phone, the texts their phone received and sent and the calls it took, as said in the customer's language; and
 * a way to text back as the customer through the demo's loopback SMSC, so the two-way path can be seen working.
 * (The app's demo phones, FCM tokens for push, are {@link DemoPhones}.) OPS and ADMIN.
 */
@RestController
class DemoPhonesController {

    static final int CUSTOMERS = 50;
    static final int PER_PHONE = 30;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Text(String direction, String body, String state, Instant at) {}

    record Call(String direction, String state, String script, Instant at) {}

    /** One customer's phone(s): {@code replyWords} are the words their texts teach, in their language. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Phone(
            UUID customerId,
            String accountNumber,
            String name,
            String language,
            String mobile,
            String landline,
            List<String> channels,
            List<String> needs,
            List<String> replyWords,
            List<Text> texts,
            List<Call> calls) {}

    /** @param voiceCalls whether this backend makes calls (until then no phone shows any) */
    record Phones(boolean smscRunning, boolean voiceCalls, List<Phone> items) {}

    record Reply(String text) {}

    private final DemoProperties demo;
    private final ContactStore contacts;
    private final SmsMessages texts;
    private final ObjectProvider<CallLog> calls;
    private final DemoSmsc smsc;
    private final DemoCustomerNames names;

    DemoPhonesController(
            DemoProperties demo,
            ContactStore contacts,
            SmsMessages texts,
            ObjectProvider<CallLog> calls,
            DemoSmsc smsc,
            DemoCustomerNames names) {
        this.demo = demo;
        this.contacts = contacts;
        this.texts = texts;
        this.calls = calls;
        this.smsc = smsc;
        this.names = names;
    }

    @GetMapping("/api/v1/demo/phones")
    Mono<Phones> phones(@AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        return demoOnly()
                .thenMany(contacts.withPhones(caller.supplierId(), CUSTOMERS))
                .concatMap(c -> phone(caller.supplierId(), c))
                .collectList()
                .map(items -> new Phones(smsc.running().isPresent(), calls.getIfAvailable() != null, items));
    }

    /** The customer texts {@code text} from their mobile: it reaches the backend as any customer's reply does. */
    @PostMapping("/api/v1/demo/phones/{customerId}/replies")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Void> reply(@AuthenticationPrincipal Jwt jwt, @PathVariable String customerId, @RequestBody Reply reply) {
        Caller caller = Caller.of(jwt);
        return demoOnly()
                .then(Mono.defer(() -> {
                    UUID customer = ApiException.uuidOrNotFound("customer", customerId);
                    String text = checked(reply == null ? null : reply.text());
                    return contacts.find(caller.supplierId(), customer)
                            .filter(c -> c.version() > 0 && c.mobile() != null)
                            .switchIfEmpty(Mono.error(() -> ApiException.notFound("customer with a mobile", customer)))
                            .flatMap(c -> Mono.fromCallable(() -> {
                                        var loopback = smsc.running()
                                                .orElseThrow(
                                                        () -> new ApiException(
                                                                ProblemType.SERVICE_UNAVAILABLE,
                                                                "the demo's loopback SMSC is not running (lifeline.sms.demo-smsc)"));
                                        try {
                                            loopback.sendText(c.mobile().e164(), text);
                                        } catch (IllegalStateException e) {
                                            throw new ApiException(
                                                    ProblemType.SERVICE_UNAVAILABLE,
                                                    "the backend is not bound to the demo's SMSC yet; try again in a few seconds");
                                        }
                                        return c;
                                    })
                                    .subscribeOn(Schedulers.boundedElastic()));
                }))
                .then();
    }

    private Mono<Void> demoOnly() {
        return demo.enabled() ? Mono.empty() : Mono.error(() -> ApiException.notFound("page", "demo phones"));
    }

    private static String checked(String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.field(ProblemType.VALIDATION, "text", "required", null);
        }
        if (SmsBody.onePart(text.strip()).isEmpty()) {
            throw ApiException.field(
                    ProblemType.VALIDATION,
                    "text",
                    "does not fit one text message",
                    "at most 160 plain characters, or 70 with Welsh letters");
        }
        return text.strip();
    }

    private Mono<Phone> phone(UUID supplier, ContactPoints c) {
        CallLog log = calls.getIfAvailable();
        Mono<List<Call>> made = log == null
                ? Mono.just(List.of())
                : log.forCustomer(supplier, c.customerId(), PER_PHONE)
                        .map(x -> new Call(x.direction(), x.state(), x.script(), x.at()))
                        .collectList();
        Mono<List<Text>> sent = texts.forCustomer(supplier, c.customerId(), PER_PHONE)
                .map(t -> new Text(t.direction(), t.body(), t.state(), t.at()))
                .collectList();
        return Mono.zip(names.of(supplier, c.customerId()), sent, made)
                .map(t -> new Phone(
                        c.customerId(),
                        t.getT1().accountNumber(),
                        t.getT1().name(),
                        c.language().tag(),
                        c.mobile() == null ? null : c.mobile().e164(),
                        c.landline() == null ? null : c.landline().e164(),
                        c.channels().stream().map(ch -> ch.code()).toList(),
                        c.needs().stream().map(n -> n.code()).toList(),
                        Arrays.stream(ReplyWord.values())
                                .map(w -> w.word(c.language()))
                                .toList(),
                        t.getT2(),
                        t.getT3()));
    }
}
