package uk.lifeline.backend.reach.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.lifeline.backend.reach.Channel;
import uk.lifeline.words.Language;

/** The register's needs join the recorded ones and steer the ladder; recorded needs are never taken away. */
class ReachabilityTest {

    private static ContactPoints with(Set<Need> needs) {
        return new ContactPoints(
                UUID.randomUUID(),
                new PhoneNumber("+447700900123"),
                null,
                Language.ENGLISH,
                EnumSet.of(Channel.APP, Channel.SMS, Channel.VOICE),
                needs,
                null,
                null,
                1,
                null,
                null);
    }

    @Test
    void aCustomerTheRegisterSaysCannotReadATextIsCalledStraightAfterItAndEvenWhenItWasDelivered() {
        ContactPoints recorded = with(EnumSet.noneOf(Need.class));
        assertThat(Reachability.callWithoutWaiting(recorded)).isFalse();
        assertThat(Reachability.callEvenIfTextDelivered(recorded)).isFalse();
        ContactPoints reaching =
                Reachability.withRegisteredNeeds(recorded, EnumSet.of(Need.BLIND_OR_PARTIALLY_SIGHTED));
        assertThat(Reachability.callWithoutWaiting(reaching)).isTrue();
        assertThat(Reachability.callEvenIfTextDelivered(reaching)).isTrue();
        assertThat(Reachability.callNumber(reaching)).contains(new PhoneNumber("+447700900123"));
        assertThat(recorded.needs()).isEmpty();
    }

    @Test
    void recordedNeedsStayAndNothingRegisteredChangesNothing() {
        ContactPoints recorded = with(EnumSet.of(Need.SMALL_PRINT, Need.DEAF_OR_HARD_OF_HEARING));
        assertThat(Reachability.withRegisteredNeeds(recorded, Set.of())).isSameAs(recorded);
        ContactPoints reaching =
                Reachability.withRegisteredNeeds(recorded, EnumSet.of(Need.BLIND_OR_PARTIALLY_SIGHTED));
        assertThat(reaching.needs())
                .containsExactlyInAnyOrder(
                        Need.SMALL_PRINT, Need.DEAF_OR_HARD_OF_HEARING, Need.BLIND_OR_PARTIALLY_SIGHTED);
        // Deaf and blind: never a voice call, whatever the register says about texts.
        assertThat(Reachability.callNumber(reaching)).isEmpty();
    }
}
