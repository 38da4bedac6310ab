package uk.lifeline.app.words;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Dates and times as people say them, in the home's time zone (Europe/London): 'today 18:00', 'tomorrow 06:00',
 * 'Friday 18:00' within the coming week, 'Friday 4 December 18:00' beyond it. Immutable and thread-safe.
 */
public final class When {

    public static final ZoneId HOME = ZoneId.of("Europe/London");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);
    private static final DateTimeFormatter WEEKDAY = DateTimeFormatter.ofPattern("EEEE", Locale.UK);
    private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.UK);
    private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);

    private final ZonedDateTime now;

    private When(ZonedDateTime now) {
        this.now = now;
    }

    /** Words relative to {@code now}, in the home's time zone. */
    public static When at(Instant now) {
        return new When(now.atZone(HOME));
    }

    /** The moment the words are relative to. */
    public Instant now() {
        return now.toInstant();
    }

    /** 'today 18:00', 'Friday 18:00', 'Friday 4 December 18:00'. */
    public String moment(Instant instant) {
        ZonedDateTime at = instant.atZone(HOME);
        return day(at.toLocalDate()) + " " + TIME.format(at);
    }

    /** 'today', 'tomorrow', 'Friday', 'Friday 4 December', 'Friday 4 December 2027'. */
    public String day(LocalDate date) {
        long days = ChronoUnit.DAYS.between(now.toLocalDate(), date);
        if (days == 0) {
            return "today";
        }
        if (days == 1) {
            return "tomorrow";
        }
        if (days > 1 && days < 7) {
            return WEEKDAY.format(date);
        }
        return (date.getYear() == now.getYear() ? DAY_MONTH : DAY_MONTH_YEAR).format(date);
    }
}
