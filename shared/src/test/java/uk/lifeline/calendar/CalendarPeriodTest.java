package uk.lifeline.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CalendarPeriodTest {

    @ParameterizedTest
    @CsvSource({
        "DAY, 2026-12-04, 2026-12-04",
        "WEEK, 2026-12-04, 2026-11-30",
        "WEEK, 2026-11-30, 2026-11-30",
        "WEEK, 2026-12-06, 2026-11-30",
        "MONTH, 2026-12-31, 2026-12-01",
        "MONTH, 2026-02-28, 2026-02-01"
    })
    void aPeriodStartsOnItsFirstDay(CalendarPeriod period, LocalDate date, LocalDate start) {
        assertThat(period.start(date)).isEqualTo(start);
    }

    /** contains(start, date) is exactly start(date).equals(start), without allocating. */
    @Property(tries = 500)
    void containsAgreesWithStart(
            @ForAll CalendarPeriod period,
            @ForAll @IntRange(min = 0, max = 3000) int a,
            @ForAll @IntRange(min = 0, max = 3000) int b) {
        LocalDate date = LocalDate.of(2024, 1, 1).plusDays(a);
        LocalDate other = LocalDate.of(2024, 1, 1).plusDays(b);
        assertThat(period.contains(other, date)).isEqualTo(period.start(date).equals(other));
        assertThat(period.contains(period.start(other), date))
                .isEqualTo(period.start(date).equals(period.start(other)));
    }

    @Test
    void aPeriodTotalStartsAgainInTheNextPeriod() {
        LocalDate sunday = LocalDate.of(2026, 12, 6);
        PeriodTotal total = PeriodTotal.NONE
                .plus(CalendarPeriod.WEEK, sunday.minusDays(2), 300)
                .plus(CalendarPeriod.WEEK, sunday, 150);
        assertThat(total.in(CalendarPeriod.WEEK, sunday)).isEqualTo(450);
        assertThat(total.in(CalendarPeriod.WEEK, sunday.plusDays(1))).isZero();
        assertThat(total.plus(CalendarPeriod.WEEK, sunday.plusDays(1), 20).total())
                .isEqualTo(20);
        assertThat(PeriodTotal.NONE.in(CalendarPeriod.DAY, sunday)).isZero();
    }
}
