package uk.lifeline.backend.reach.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatchUpTest {

    private static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");
    private final CatchUp catchUp = new CatchUp(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(1));

    /** The ranges of one pass, stepping twice a second from {@code start}. */
    private List<CatchUp.Range> pass(Instant start, long readUpTo) {
        List<CatchUp.Range> ranges = new ArrayList<>();
        Instant at = start;
        Optional<CatchUp.Range> next = catchUp.next(at, readUpTo);
        while (next.isPresent()) {
            ranges.add(next.get());
            at = at.plusMillis(500);
            next = catchUp.next(at, readUpTo);
            if (ranges.size() > 100) {
                break;
            }
        }
        return ranges;
    }

    @Test
    void nothingIsLookedAtAgainBeforeAnyMessageIsReadOrBeforeAPassIsDue() {
        assertThat(catchUp.next(T0, 0)).isEmpty();
        catchUp.lastStarted(T0);
        assertThat(catchUp.next(T0.plusSeconds(29), 1_000)).isEmpty();
        assertThat(catchUp.next(T0.plusSeconds(30), 1_000)).isPresent();
    }

    @Test
    void aPassLooksAtEveryIdOnceNewestFirstSpreadOverItsSteps() {
        List<CatchUp.Range> ranges = pass(T0, 3_000);

        assertThat(ranges).hasSize(30);
        assertThat(ranges.get(0)).isEqualTo(new CatchUp.Range(2_900, 3_000, T0.minus(Duration.ofMinutes(5))));
        for (int i = 1; i < ranges.size(); i++) {
            assertThat(ranges.get(i).upTo()).isEqualTo(ranges.get(i - 1).after());
        }
        assertThat(ranges.get(29).after()).isZero();
    }

    @Test
    void aPassStartsAfterTheNewestIdReadAWindowAgoNotAtTheOutboxsFirst() {
        pass(T0, 1_000); // marks 1,000 read at T0
        Instant later = T0.plus(Duration.ofMinutes(2));
        assertThat(pass(later, 5_000).get(29).after())
                .as("T0 is inside this pass's window")
                .isZero();
        Instant muchLater = T0.plus(Duration.ofMinutes(5)).plusSeconds(40);
        List<CatchUp.Range> ranges = pass(muchLater, 9_000);

        assertThat(ranges.get(ranges.size() - 1).after())
                .as("every message created since T0's window began has an id above what T0 had read")
                .isEqualTo(1_000);
        assertThat(ranges.get(0).since()).isEqualTo(muchLater.minus(Duration.ofMinutes(5)));
    }

    @Test
    void aFewIdsGoInAsManyStepsAsTheyNeedAndNoMore() {
        List<CatchUp.Range> ranges = pass(T0, 3);

        assertThat(ranges)
                .extracting(CatchUp.Range::after, CatchUp.Range::upTo)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2L, 3L),
                        org.assertj.core.groups.Tuple.tuple(1L, 2L),
                        org.assertj.core.groups.Tuple.tuple(0L, 1L));
    }
}
