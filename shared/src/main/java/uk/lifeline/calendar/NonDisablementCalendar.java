package uk.lifeline.calendar;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import uk.lifeline.command.SetFriendlyCreditPeriod;

/**
 * The meter's friendly-credit (non-disablement) calendar: {@value SetFriendlyCreditPeriod#SLOTS} slots, each a
 * daily window; the supply is not disabled while any window is open. Immutable and thread-safe.
 */
public record NonDisablementCalendar(List<FriendlyCreditSlot> slots) {

    /** All four slots empty. */
    public static final NonDisablementCalendar NONE = new NonDisablementCalendar(Arrays.asList(
            FriendlyCreditSlot.EMPTY, FriendlyCreditSlot.EMPTY, FriendlyCreditSlot.EMPTY, FriendlyCreditSlot.EMPTY));

    public NonDisablementCalendar {
        if (slots.size() != SetFriendlyCreditPeriod.SLOTS || slots.contains(null)) {
            throw new IllegalArgumentException("a calendar has " + SetFriendlyCreditPeriod.SLOTS + " slots");
        }
        slots = Collections.unmodifiableList(new ArrayList<>(slots));
    }

    /** This calendar with slot {@code number} (1-4) replaced. */
    public NonDisablementCalendar withSlot(int number, FriendlyCreditSlot slot) {
        if (number < 1 || number > SetFriendlyCreditPeriod.SLOTS) {
            throw new IllegalArgumentException("slot " + number + " is not 1 to " + SetFriendlyCreditPeriod.SLOTS);
        }
        List<FriendlyCreditSlot> changed = new ArrayList<>(slots);
        changed.set(number - 1, slot);
        return new NonDisablementCalendar(changed);
    }

    public FriendlyCreditSlot slot(int number) {
        return slots.get(number - 1);
    }

    /** True when any slot's window is open at this local time. */
    public boolean covers(LocalDateTime local, Predicate<LocalDate> bankHoliday) {
        for (FriendlyCreditSlot slot : slots) {
            if (slot.covers(local, bankHoliday)) {
                return true;
            }
        }
        return false;
    }
}
