package uk.lifeline.command;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Sets one of the meter's four friendly-credit (non-disablement calendar) slots: a daily window in meter-local
 * time on the chosen weekdays and, if asked, on bank holidays, during which the supply is never disabled. The
 * window runs across midnight when {@code end} is earlier than {@code start}, and all day when they are equal.
 * No days and no bank holidays clears the slot. Immutable.
 */
public record SetFriendlyCreditPeriod(
        int slot, LocalTime start, LocalTime end, Set<DayOfWeek> days, boolean bankHolidays) implements MeterCommand {

    public static final int SLOTS = 4;

    public SetFriendlyCreditPeriod {
        CommandParameters.SLOT.check(slot);
        CodeTime.quarterOfDay("start", start);
        CodeTime.quarterOfDay("end", end);
        days = Collections.unmodifiableSet(days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days));
    }

    /** True when this code empties the slot rather than setting a window. */
    public boolean clearsSlot() {
        return days.isEmpty() && !bankHolidays;
    }

    static SetFriendlyCreditPeriod from(Parameters p) {
        return new SetFriendlyCreditPeriod(
                (int) p.integer("slot"),
                p.time("start"),
                p.time("end"),
                parseDays(p.text("days", "none")),
                p.bool("bank-holidays", false));
    }

    static SetFriendlyCreditPeriod read(FieldReader in) {
        int slot = (int) in.take(2) + 1;
        LocalTime start = CodeTime.timeOfQuarter("start", in.take(CodeTime.TIME_OF_DAY_BITS));
        LocalTime end = CodeTime.timeOfQuarter("end", in.take(CodeTime.TIME_OF_DAY_BITS));
        long mask = in.take(7);
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            if ((mask & (1L << (day.getValue() - 1))) != 0) {
                days.add(day);
            }
        }
        return new SetFriendlyCreditPeriod(slot, start, end, days, in.flag());
    }

    @Override
    public CommandType type() {
        return CommandType.SET_FRIENDLY_CREDIT_PERIOD;
    }

    /** Each slot is its own setting. */
    @Override
    public Setting setting() {
        return Setting.valueOf("FRIENDLY_CREDIT_SLOT_" + slot);
    }

    @Override
    public void writeTo(FieldWriter out) {
        long mask = 0;
        for (DayOfWeek day : days) {
            mask |= 1L << (day.getValue() - 1);
        }
        out.put(slot - 1, 2)
                .put(CodeTime.quarterOfDay("start", start), CodeTime.TIME_OF_DAY_BITS)
                .put(CodeTime.quarterOfDay("end", end), CodeTime.TIME_OF_DAY_BITS)
                .put(mask, 7)
                .put(bankHolidays);
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("slot", Integer.toString(slot));
        p.put("start", start.toString());
        p.put("end", end.toString());
        p.put("days", formatDays(days));
        p.put("bank-holidays", Boolean.toString(bankHolidays));
        return p;
    }

    /** {@code mon,tue}, {@code weekdays}, {@code weekends}, {@code all} or {@code none}. */
    static Set<DayOfWeek> parseDays(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "none":
                return EnumSet.noneOf(DayOfWeek.class);
            case "all":
                return EnumSet.allOf(DayOfWeek.class);
            case "weekdays":
                return EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
            case "weekends":
                return EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            default:
                break;
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String name : text.split(",")) {
            DayOfWeek match = null;
            for (DayOfWeek day : DayOfWeek.values()) {
                if (day.name().substring(0, 3).equalsIgnoreCase(name.trim())) {
                    match = day;
                }
            }
            if (match == null) {
                throw new ParameterOutOfRangeException("days", text, CommandParameters.DAYS.allowed());
            }
            days.add(match);
        }
        return days;
    }

    static String formatDays(Set<DayOfWeek> days) {
        if (days.isEmpty()) {
            return "none";
        }
        StringBuilder text = new StringBuilder();
        for (DayOfWeek day : EnumSet.copyOf(days)) {
            text.append(text.length() == 0 ? "" : ",")
                    .append(day.name().substring(0, 3).toLowerCase(Locale.ROOT));
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SetFriendlyCreditPeriod o
                && o.slot == slot
                && o.start.equals(start)
                && o.end.equals(end)
                && o.days.equals(days)
                && o.bankHolidays == bankHolidays;
    }

    @Override
    public int hashCode() {
        return Objects.hash(slot, start, end, days, bankHolidays);
    }
}
