package uk.lifeline.words;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Dates and times as people say them, in the home's time zone (Europe/London): 'today 18:00', 'tomorrow 06:00',
 * 'Friday 18:00' within the coming week, 'Friday 4 December 18:00' beyond it; in Welsh 'heddiw am 18:00',
 * 'dydd Gwener 4 Rhagfyr am 18:00'. Words kept or sent (the API, texts) use {@link #absolute()} so they never
 * go stale, and {@link #withZone()} so every time says GMT or BST. Immutable and thread-safe.
 */
public final class When {

    public static final ZoneId HOME = ZoneId.of("Europe/London");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);
    private static final DateTimeFormatter WEEKDAY = DateTimeFormatter.ofPattern("EEEE", Locale.UK);
    private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.UK);
    private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);

    // Welsh names written out rather than taken from the platform's locale data, which differs between JDKs
    // and Android releases. Native speaker review pending (see CommandWords).
    static final String[] WELSH_DAYS = {
        "dydd Llun", "dydd Mawrth", "dydd Mercher", "dydd Iau", "dydd Gwener", "dydd Sadwrn", "dydd Sul"
    };
    private static final String[] WELSH_MONTHS = {
        "Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin",
        "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr"
    };

    private final ZonedDateTime now;
    private final Language language;
    private final boolean zone;
    private final boolean relative;

    private When(ZonedDateTime now, Language language, boolean zone, boolean relative) {
        this.now = now;
        this.language = language;
        this.zone = zone;
        this.relative = relative;
    }

    /** English words relative to {@code now}, in the home's time zone, times without their zone. */
    public static When at(Instant now) {
        return new When(now.atZone(HOME), Language.ENGLISH, false, true);
    }

    /** The same moment in {@code language}. */
    public When in(Language language) {
        return new When(now, language, zone, relative);
    }

    /** Times followed by their zone: 'Friday 18:00 GMT', '18:00 BST'. */
    public When withZone() {
        return new When(now, language, true, relative);
    }

    /** Days always named with their date ('Friday 4 December'), never 'today' or 'tomorrow'. */
    public When absolute() {
        return new When(now, language, zone, false);
    }

    /** The moment the words are relative to. */
    public Instant now() {
        return now.toInstant();
    }

    public Language language() {
        return language;
    }

    /** 'today 18:00', 'Friday 18:00', 'Friday 4 December 18:00'; 'dydd Gwener am 18:00'. */
    public String moment(Instant instant) {
        ZonedDateTime at = instant.atZone(HOME);
        String day = day(at.toLocalDate());
        return (language == Language.WELSH ? day + " am " : day + " ") + time(at);
    }

    /** 'today', 'tomorrow', 'Friday', 'Friday 4 December', 'Friday 4 December 2027'; in Welsh 'heddiw', 'yfory'. */
    public String day(LocalDate date) {
        long days = ChronoUnit.DAYS.between(now.toLocalDate(), date);
        boolean welsh = language == Language.WELSH;
        if (relative && days == 0) {
            return welsh ? "heddiw" : "today";
        }
        if (relative && days == 1) {
            return welsh ? "yfory" : "tomorrow";
        }
        boolean withinWeek = relative && days > 1 && days < 7;
        boolean sameYear = date.getYear() == now.getYear();
        if (welsh) {
            String weekday = WELSH_DAYS[date.getDayOfWeek().getValue() - 1];
            return withinWeek
                    ? weekday
                    : weekday + " " + date.getDayOfMonth() + " " + WELSH_MONTHS[date.getMonthValue() - 1]
                            + (sameYear ? "" : " " + date.getYear());
        }
        return (withinWeek ? WEEKDAY : sameYear ? DAY_MONTH : DAY_MONTH_YEAR).format(date);
    }

    /** '18:00', or '18:00 GMT' / '18:00 BST' with the zone. */
    private String time(ZonedDateTime at) {
        return TIME.format(at) + (zone ? " " + zoneName(at) : "");
    }

    /** GMT in winter, BST in summer: the names people in the UK use, in both languages. */
    static String zoneName(ZonedDateTime at) {
        return HOME.getRules().isDaylightSavings(at.toInstant()) ? "BST" : "GMT";
    }
}
