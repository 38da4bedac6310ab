package uk.lifeline.backend.reach.sms;

import reactor.core.publisher.Mono;
import uk.lifeline.backend.reach.contact.PhoneNumber;

/** What is done with a text a customer sent us. Completes once what it changed is durable. */
public interface TextReplies {

    Mono<Void> received(PhoneNumber from, String text);
}
