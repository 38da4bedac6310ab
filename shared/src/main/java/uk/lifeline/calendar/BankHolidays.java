package uk.lifeline.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * UK bank holidays by division, read from {@code uk-bank-holidays.csv} (source: GOV.UK,
 * https://www.gov.uk/bank-holidays.json; the file says which years are published and which expected).
 * A date outside the years the data covers is refused ({@link DateNotCoveredException}), never answered "no".
 * Immutable and thread-safe.
 */
public final class BankHolidays {

    static final String RESOURCE = "uk-bank-holidays.csv";

    private final List<BankHoliday> holidays;
    private final Map<BankHolidayRegion, Set<LocalDate>> dates;
    private final int firstYear;
    private final int lastYear;

    private BankHolidays(List<BankHoliday> holidays) {
        if (holidays.isEmpty()) {
            throw new IllegalArgumentException("no bank holidays");
        }
        this.holidays = Collections.unmodifiableList(new ArrayList<>(holidays));
        Map<BankHolidayRegion, Set<LocalDate>> byRegion = new EnumMap<>(BankHolidayRegion.class);
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (BankHolidayRegion region : BankHolidayRegion.values()) {
            byRegion.put(region, new HashSet<>());
        }
        for (BankHoliday holiday : holidays) {
            byRegion.get(holiday.region()).add(holiday.date());
            first = Math.min(first, holiday.date().getYear());
            last = Math.max(last, holiday.date().getYear());
        }
        this.dates = byRegion;
        this.firstYear = first;
        this.lastYear = last;
    }

    /** The data shipped with Lifeline: England and Wales, Scotland and Northern Ireland, 2024-2030. */
    public static BankHolidays ukGov() {
        return Shipped.INSTANCE;
    }

    /**
     * Reads {@code division,date,title,notes} lines; {@code #} starts a comment. Notes "Substitute day" marks a
     * substitute.
     *
     * @throws IllegalArgumentException naming the line that is not a holiday
     */
    public static BankHolidays parse(Reader text) throws IOException {
        List<BankHoliday> holidays = new ArrayList<>();
        BufferedReader lines = new BufferedReader(text);
        int number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            if (line.trim().isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length != 4) {
                throw new IllegalArgumentException("line " + number + ": expected division,date,title,notes");
            }
            try {
                holidays.add(new BankHoliday(
                        BankHolidayRegion.fromDivision(fields[0]),
                        LocalDate.parse(fields[1]),
                        fields[2],
                        fields[3].equals("Substitute day")));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("line " + number + ": bad date '" + fields[1] + "'", e);
            }
        }
        return new BankHolidays(holidays);
    }

    /** @throws DateNotCoveredException for a year outside {@link #firstYear()}-{@link #lastYear()} */
    public boolean isBankHoliday(BankHolidayRegion region, LocalDate date) {
        if (date.getYear() < firstYear || date.getYear() > lastYear) {
            throw new DateNotCoveredException(date, firstYear, lastYear);
        }
        return dates.get(region).contains(date);
    }

    /** The test a friendly-credit slot asks for one division. */
    public Predicate<LocalDate> in(BankHolidayRegion region) {
        return date -> isBankHoliday(region, date);
    }

    /** A division's holidays in a year, in date order. */
    public List<BankHoliday> holidays(BankHolidayRegion region, int year) {
        List<BankHoliday> found = new ArrayList<>();
        for (BankHoliday holiday : holidays) {
            if (holiday.region() == region && holiday.date().getYear() == year) {
                found.add(holiday);
            }
        }
        found.sort((a, b) -> a.date().compareTo(b.date()));
        return Collections.unmodifiableList(found);
    }

    public int firstYear() {
        return firstYear;
    }

    public int lastYear() {
        return lastYear;
    }

    /** Loaded once, on first use. */
    private static final class Shipped {
        static final BankHolidays INSTANCE = load();

        private static BankHolidays load() {
            try (InputStream in = BankHolidays.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the classpath");
                }
                return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
