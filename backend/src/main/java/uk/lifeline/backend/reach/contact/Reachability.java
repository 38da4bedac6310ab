package uk.lifeline.backend.reach.contact;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import uk.lifeline.backend.reach.Channel;

/**
 * The one place where a customer's agreed channels and needs decide where a text or a call goes. Stateless.
 */
public final class Reachability {

    private Reachability() {}

    /** The number a text goes to: the nominee's if they have one, else the mobile; none without agreement. */
    public static Optional<PhoneNumber> textNumber(ContactPoints c) {
        if (!c.channels().contains(Channel.SMS)) {
            return Optional.empty();
        }
        PhoneNumber to = c.needs().contains(Need.NOMINEE) && c.nominee() != null
                ? c.nominee().phone()
                : c.mobile();
        return Optional.ofNullable(to).filter(PhoneNumber::mayTakeTexts);
    }

    /**
     * The number a call goes to: the nominee's, else the landline, else the mobile; none without agreement or
     * for a customer who is deaf or hard of hearing.
     */
    public static Optional<PhoneNumber> callNumber(ContactPoints c) {
        if (!c.channels().contains(Channel.VOICE) || c.needs().contains(Need.DEAF_OR_HARD_OF_HEARING)) {
            return Optional.empty();
        }
        if (c.needs().contains(Need.NOMINEE) && c.nominee() != null) {
            return Optional.of(c.nominee().phone());
        }
        return Optional.ofNullable(c.landline() != null ? c.landline() : c.mobile());
    }

    /** A customer who cannot read a text well is called even when the text was delivered. */
    public static boolean callEvenIfTextDelivered(ContactPoints c) {
        return c.needs().contains(Need.BLIND_OR_PARTIALLY_SIGHTED) || c.needs().contains(Need.SMALL_PRINT);
    }

    /**
     * A customer who cannot read a text at all (blind or partially sighted) is called straight after the text,
     * without waiting to see whether it was delivered: the text alone would not reach them.
     */
    public static boolean callWithoutWaiting(ContactPoints c) {
        return c.needs().contains(Need.BLIND_OR_PARTIALLY_SIGHTED);
    }

    /**
     * The contact points with the needs the customer's Priority Services Register entry implies added
     * ({@link RegisteredNeeds}): a need recorded on either steers the ladder. Recorded needs are never taken away.
     */
    public static ContactPoints withRegisteredNeeds(ContactPoints c, Set<Need> registered) {
        if (registered.isEmpty() || c.needs().containsAll(registered)) {
            return c;
        }
        Set<Need> needs = EnumSet.noneOf(Need.class);
        needs.addAll(c.needs());
        needs.addAll(registered);
        return new ContactPoints(
                c.customerId(),
                c.mobile(),
                c.landline(),
                c.language(),
                c.channels(),
                needs,
                c.nominee(),
                c.smsStoppedAt(),
                c.version(),
                c.updatedAt(),
                c.updatedBy());
    }
}
