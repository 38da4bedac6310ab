package uk.lifeline.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import uk.lifeline.command.SetFriendlyCreditPeriod;

/**
 * One slot of the non-disablement calendar: a daily window in meter-local (Europe/London) wall-clock time that
 * opens on the chosen weekdays and, if {@code bankHolidays}, on bank holidays.
 *
 * <p>A window belongs to the day it opens on. When {@code end} is earlier than {@code start} it runs on past
 * midnight into the next morning (Friday 16:00-10:00 covers Saturday until 10:00 even if Saturday is not chosen);
 * when they are equal it covers the whole of each chosen day. A slot with no days and no bank holidays is empty.
 * Immutable and thread-safe.
 */
public record FriendlyCreditSlot(LocalTime start, LocalTime end, Set<DayOfWeek> days, boolean bankHolidays) {

    /** A slot that covers nothing. */
    public static final FriendlyCreditSlot EMPTY =
            new FriendlyCreditSlot(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, EnumSet.noneOf(DayOfWeek.class), false);

    public FriendlyCreditSlot {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        days = Collections.unmodifiableSet(days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days));
    }

    /** The slot a friendly-credit code sets (or empties). */
    public static FriendlyCreditSlot of(SetFriendlyCreditPeriod command) {
        return command.clearsSlot()
                ? EMPTY
                : new FriendlyCreditSlot(command.start(), command.end(), command.days(), command.bankHolidays());
    }

    public boolean isEmpty() {
        return days.isEmpty() && !bankHolidays;
    }

    /** True when the window is open at this local time; {@code bankHoliday} is asked only when it matters. */
    public boolean covers(LocalDateTime local, Predicate<LocalDate> bankHoliday) {
        if (isEmpty()) {
            return false;
        }
        LocalDate day = local.toLocalDate();
        LocalTime time = local.toLocalTime();
        int order = start.compareTo(end);
        if (order == 0) {
            return opensOn(day, bankHoliday);
        }
        if (order < 0) {
            return !time.isBefore(start) && time.isBefore(end) && opensOn(day, bankHoliday);
        }
        return (!time.isBefore(start) && opensOn(day, bankHoliday))
                || (time.isBefore(end) && opensOn(day.minusDays(1), bankHoliday));
    }

    private boolean opensOn(LocalDate day, Predicate<LocalDate> bankHoliday) {
        return days.contains(day.getDayOfWeek()) || (bankHolidays && bankHoliday.test(day));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FriendlyCreditSlot o
                && o.start.equals(start)
                && o.end.equals(end)
                && o.days.equals(days)
                && o.bankHolidays == bankHolidays;
    }

    @Override
    public int hashCode() {
        return Objects.hash(start, end, days, bankHolidays);
    }
}
