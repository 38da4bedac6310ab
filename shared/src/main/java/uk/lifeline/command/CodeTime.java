package uk.lifeline.command;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/**
 * How codes carry dates and times, in whole units from fixed epochs, sized for a meter's life. Stateless.
 *
 * <ul>
 *   <li>Times of day (meter-local, Europe/London wall clock): quarter hours since midnight, 7 bits, 0-95.
 *   <li>Dates (meter-local): days since 2024-01-01, 14 bits; 0 means "at once", so the last date is 2068-11-08.
 *   <li>Instants (UTC, as the meter's clock keeps time): quarter hours since 2024-01-01T00:00Z, 22 bits, up to
 *       2143. UTC avoids the hour that happens twice when the clocks go back.
 * </ul>
 */
public final class CodeTime {

    public static final LocalDate EPOCH_DATE = LocalDate.of(2024, 1, 1);
    public static final Instant EPOCH_INSTANT = Instant.parse("2024-01-01T00:00:00Z");
    public static final int TIME_OF_DAY_BITS = 7;
    public static final int DATE_BITS = 14;
    public static final int INSTANT_BITS = 22;
    public static final LocalDate LAST_DATE = EPOCH_DATE.plusDays((1 << DATE_BITS) - 1);
    public static final Instant LAST_INSTANT = EPOCH_INSTANT.plus(Duration.ofMinutes(15L * ((1 << INSTANT_BITS) - 1)));

    private CodeTime() {}

    static int quarterOfDay(String parameter, LocalTime time) {
        if (time.getMinute() % 15 != 0 || time.getSecond() != 0 || time.getNano() != 0) {
            throw new ParameterOutOfRangeException(parameter, time, "a time on the quarter hour, e.g. 23:30");
        }
        return time.getHour() * 4 + time.getMinute() / 15;
    }

    static LocalTime timeOfQuarter(String parameter, long quarter) {
        if (quarter > 95) {
            throw new ParameterOutOfRangeException(parameter, quarter, "quarter hours 0 to 95");
        }
        return LocalTime.of((int) quarter / 4, (int) (quarter % 4) * 15);
    }

    /** Days from the epoch date; 0 is reserved for "at once". */
    static long dayNumber(String parameter, LocalDate date) {
        if (!date.isAfter(EPOCH_DATE) || date.isAfter(LAST_DATE)) {
            throw new ParameterOutOfRangeException(parameter, date, "2024-01-02 to " + LAST_DATE);
        }
        return ChronoUnit.DAYS.between(EPOCH_DATE, date);
    }

    static LocalDate dateOfDay(long day) {
        return EPOCH_DATE.plusDays(day);
    }

    static long quarterNumber(String parameter, Instant instant) {
        if (instant.isBefore(EPOCH_INSTANT) || instant.isAfter(LAST_INSTANT)) {
            throw new ParameterOutOfRangeException(parameter, instant, EPOCH_INSTANT + " to " + LAST_INSTANT);
        }
        long seconds = instant.getEpochSecond() - EPOCH_INSTANT.getEpochSecond();
        if (seconds % 900 != 0 || instant.getNano() != 0) {
            throw new ParameterOutOfRangeException(parameter, instant, "an instant on the quarter hour (UTC)");
        }
        return seconds / 900;
    }

    static Instant instantOfQuarter(long quarter) {
        return EPOCH_INSTANT.plusSeconds(quarter * 900);
    }
}
