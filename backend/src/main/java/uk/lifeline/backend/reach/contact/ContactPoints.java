package uk.lifeline.backend.reach.contact;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import uk.lifeline.backend.reach.Channel;
import uk.lifeline.words.Language;

/**
 * How to reach one customer: their numbers, the language of messages, the channels they agreed to and their
 * needs. {@code version} 0 means nothing was ever recorded (app only, English). Immutable.
 *
 * @param nominee who is contacted instead of the customer when the needs include {@link Need#NOMINEE}
 * @param smsStoppedAt when the customer texted STOP (SMS was then taken out of {@code channels})
 */
public record ContactPoints(
        UUID customerId,
        PhoneNumber mobile,
        PhoneNumber landline,
        Language language,
        Set<Channel> channels,
        Set<Need> needs,
        Nominee nominee,
        Instant smsStoppedAt,
        int version,
        Instant updatedAt,
        UUID updatedBy) {

    /** Someone the customer asked us to contact instead of them. */
    public record Nominee(String name, PhoneNumber phone) {}

    public ContactPoints {
        channels = Collections.unmodifiableSet(copy(channels, Channel.class));
        needs = Collections.unmodifiableSet(copy(needs, Need.class));
    }

    /** What holds for a customer nobody recorded anything for. */
    public static ContactPoints none(UUID customerId) {
        return new ContactPoints(
                customerId,
                null,
                null,
                Language.ENGLISH,
                EnumSet.of(Channel.APP),
                EnumSet.noneOf(Need.class),
                null,
                null,
                0,
                null,
                null);
    }

    public Optional<PhoneNumber> mobileNumber() {
        return Optional.ofNullable(mobile);
    }

    private static <E extends Enum<E>> EnumSet<E> copy(Set<E> set, Class<E> type) {
        EnumSet<E> out = EnumSet.noneOf(type);
        out.addAll(set);
        return out;
    }
}
