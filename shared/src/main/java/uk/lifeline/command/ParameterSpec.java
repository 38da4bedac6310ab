package uk.lifeline.command;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One parameter of a command as a form needs it: its name, label, kind, unit, range, decimals and choices. The
 * one definition of each parameter's range: the command records check their values here, and the backend's
 * command catalog ({@code GET /api/v1/commands}) serves these specs to the consoles. Ranges are written as the
 * parameter's own text ({@code min} "0.01", {@code max} "81.91"), so a client parses them as it parses input.
 * Immutable and thread-safe.
 */
public final class ParameterSpec {

    /** How a parameter is written and checked. */
    public enum Kind {
        /** Pounds with two decimals, in a GBCS value class: pence up to £81.91, whole pounds above. */
        CREDIT,
        /** Pounds with two decimals. */
        POUNDS,
        /** Pence with up to three decimals. */
        PRICE,
        /** A whole number. */
        WHOLE,
        /** One of {@link #choices()}. */
        CHOICE,
        /** Meter-local (UK) time of day HH:MM on the quarter hour. */
        TIME_OF_DAY,
        /** Meter-local (UK) date YYYY-MM-DD. */
        DATE,
        /** UTC instant on the quarter hour, e.g. 2026-12-01T06:00:00Z. */
        INSTANT,
        /** Days of the week: mon,tue... or one of the {@link #choices()} (weekdays, weekends, all, none). */
        DAYS,
        /** true or false. */
        BOOLEAN
    }

    /** A value the parameter may take and its label. */
    public static final class Choice {
        private final String value;
        private final String label;

        Choice(String value, String label) {
            this.value = value;
            this.label = label;
        }

        public String value() {
            return value;
        }

        public String label() {
            return label;
        }
    }

    /** The parameter applies only while {@code parameter} has one of {@code values}. */
    public static final class OnlyWhen {
        private final String parameter;
        private final List<String> values;

        OnlyWhen(String parameter, String... values) {
            this.parameter = parameter;
            this.values = Collections.unmodifiableList(Arrays.asList(values));
        }

        public String parameter() {
            return parameter;
        }

        public List<String> values() {
            return values;
        }
    }

    private final String name;
    private final String label;
    private final Kind kind;
    private final String unit;
    private final long min;
    private final long max;
    private final String minText;
    private final String maxText;
    private final String allowed;
    private final List<Choice> choices;
    private final boolean optional;
    private final OnlyWhen onlyWhen;

    private ParameterSpec(
            String name,
            String label,
            Kind kind,
            String unit,
            long min,
            long max,
            String minText,
            String maxText,
            String allowed,
            List<Choice> choices,
            boolean optional,
            OnlyWhen onlyWhen) {
        this.name = name;
        this.label = label;
        this.kind = kind;
        this.unit = unit;
        this.min = min;
        this.max = max;
        this.minText = minText;
        this.maxText = maxText;
        this.allowed = allowed;
        this.choices = Collections.unmodifiableList(new ArrayList<>(choices));
        this.optional = optional;
        this.onlyWhen = onlyWhen;
    }

    // Factories, one per kind. Each says its range once; the records check against it.

    /** A credit amount from {@code minPence} to £8,191 in a GBCS value class. */
    static ParameterSpec credit(String name, String label, long minPence) {
        long max = CreditValue.MAX_VALUE * 100;
        return new ParameterSpec(
                name,
                label,
                Kind.CREDIT,
                "£",
                minPence,
                max,
                Pence.toPounds(minPence),
                Pence.toPounds(max),
                Pence.toPounds(minPence) + " to " + Pence.toPounds(CreditValue.MAX_VALUE)
                        + " pounds in pence, or whole pounds from " + (CreditValue.MAX_VALUE / 100 + 1) + " to "
                        + CreditValue.MAX_VALUE,
                Collections.<Choice>emptyList(),
                false,
                null);
    }

    static ParameterSpec pounds(String name, String label, long minPence, long maxPence) {
        return new ParameterSpec(
                name,
                label,
                Kind.POUNDS,
                "£",
                minPence,
                maxPence,
                Pence.toPounds(minPence),
                Pence.toPounds(maxPence),
                Pence.toPounds(minPence) + " to " + Pence.toPounds(maxPence) + " pounds",
                Collections.<Choice>emptyList(),
                false,
                null);
    }

    /** A price from 0 to the most its 18 bits carry, 262.143p. */
    static ParameterSpec price(String name, String label, String unit) {
        String max = new UnitPrice(UnitPrice.MAX).toString();
        return new ParameterSpec(
                name,
                label,
                Kind.PRICE,
                unit,
                0,
                UnitPrice.MAX,
                "0.000",
                max,
                "0.000 to " + max + " pence",
                Collections.<Choice>emptyList(),
                false,
                null);
    }

    static ParameterSpec whole(String name, String label, String unit, long min, long max) {
        return new ParameterSpec(
                name,
                label,
                Kind.WHOLE,
                unit,
                min,
                max,
                Long.toString(min),
                Long.toString(max),
                min + " to " + max,
                Collections.<Choice>emptyList(),
                false,
                null);
    }

    /** Choices from an enum's constants, written as {@link Parameters#name}, labelled in the same order. */
    static <E extends Enum<E>> ParameterSpec choice(String name, String label, Class<E> type, String... labels) {
        E[] options = type.getEnumConstants();
        String[] pairs = new String[options.length * 2];
        for (int i = 0; i < options.length; i++) {
            pairs[2 * i] = Parameters.name(options[i]);
            pairs[2 * i + 1] = labels[i];
        }
        return choice(name, label, pairs);
    }

    /** Choices as value, label, value, label... */
    static ParameterSpec choice(String name, String label, String... valuesAndLabels) {
        List<Choice> choices = new ArrayList<>();
        StringBuilder allowed = new StringBuilder("one of ");
        for (int i = 0; i < valuesAndLabels.length; i += 2) {
            choices.add(new Choice(valuesAndLabels[i], valuesAndLabels[i + 1]));
            allowed.append(i == 0 ? "" : ", ").append(valuesAndLabels[i]);
        }
        return new ParameterSpec(
                name,
                label,
                Kind.CHOICE,
                null,
                0,
                choices.size() - 1,
                null,
                null,
                allowed.toString(),
                choices,
                false,
                null);
    }

    static ParameterSpec timeOfDay(String name, String label) {
        return new ParameterSpec(
                name,
                label,
                Kind.TIME_OF_DAY,
                null,
                0,
                95,
                "00:00",
                "23:45",
                "a time on the quarter hour, e.g. 23:30",
                Collections.<Choice>emptyList(),
                false,
                null);
    }

    /** A date after the code epoch (day 0 means "at once") up to the last date 14 bits carry. */
    static ParameterSpec date(String name, String label) {
        String first = CodeTime.EPOCH_DATE.plusDays(1).toString();
        return new ParameterSpec(
                name,
                label,
                Kind.DATE,
                null,
                1,
                (1L << CodeTime.DATE_BITS) - 1,
                first,
                CodeTime.LAST_DATE.toString(),
                first + " to " + CodeTime.LAST_DATE,
                Collections.<Choice>emptyList(),
                false,
                null);
    }

    static ParameterSpec instant(String name, String label) {
        return new ParameterSpec(
                name,
                label,
                Kind.INSTANT,
                "UTC",
                0,
                (1L << CodeTime.INSTANT_BITS) - 1,
                CodeTime.EPOCH_INSTANT.toString(),
                CodeTime.LAST_INSTANT.toString(),
                CodeTime.EPOCH_INSTANT + " to " + CodeTime.LAST_INSTANT,
                Collections.<Choice>emptyList(),
                false,
                null);
    }

    static ParameterSpec days(String name, String label) {
        List<Choice> choices = Arrays.asList(
                new Choice("weekdays", "Weekdays"),
                new Choice("weekends", "Weekends"),
                new Choice("all", "Every day"),
                new Choice("none", "None (clear the slot)"));
        StringBuilder week = new StringBuilder();
        for (DayOfWeek day : DayOfWeek.values()) {
            week.append(week.length() == 0 ? "" : ",")
                    .append(SetFriendlyCreditPeriod.formatDays(Collections.singleton(day)));
        }
        return new ParameterSpec(
                name,
                label,
                Kind.DAYS,
                null,
                0,
                0,
                null,
                null,
                week + " in any combination, or weekdays, weekends, all, none",
                choices,
                true,
                null);
    }

    static ParameterSpec bool(String name, String label) {
        return new ParameterSpec(
                name,
                label,
                Kind.BOOLEAN,
                null,
                0,
                1,
                null,
                null,
                "true or false",
                Collections.<Choice>emptyList(),
                true,
                null);
    }

    /** The same parameter, labelled choices for its whole numbers (a slot as "Slot 1" ... "Slot 4"). */
    ParameterSpec withChoices(String labelPrefix) {
        List<Choice> numbered = new ArrayList<>();
        for (long n = min; n <= max; n++) {
            numbered.add(new Choice(Long.toString(n), labelPrefix + " " + n));
        }
        return new ParameterSpec(
                name, label, kind, unit, min, max, minText, maxText, allowed, numbered, optional, onlyWhen);
    }

    /** The same parameter, which may be left out. */
    ParameterSpec optional() {
        return new ParameterSpec(name, label, kind, unit, min, max, minText, maxText, allowed, choices, true, onlyWhen);
    }

    /** The same parameter, taken only while {@code parameter} has one of {@code values}. */
    ParameterSpec onlyWhen(String parameter, String... values) {
        return new ParameterSpec(
                name,
                label,
                kind,
                unit,
                min,
                max,
                minText,
                maxText,
                allowed,
                choices,
                optional,
                new OnlyWhen(parameter, values));
    }

    // Checks: the records call these, so the range above is the one that holds.

    /** @throws ParameterOutOfRangeException unless a {@link Kind#POUNDS} or {@link Kind#WHOLE} value is in range */
    long check(long value) {
        if (value < min || value > max) {
            throw new ParameterOutOfRangeException(name, kind == Kind.POUNDS ? Pence.toPounds(value) : value, allowed);
        }
        return value;
    }

    /** @throws ParameterOutOfRangeException unless {@code pence} is in range and has a GBCS value class */
    long checkCredit(long pence) {
        if (pence < min || !CreditValue.fits(pence)) {
            throw new ParameterOutOfRangeException(name, Pence.toPounds(pence), allowed);
        }
        return pence;
    }

    /**
     * The choice {@code p} gives for this parameter, as the enum constant of the same name.
     *
     * @throws ParameterOutOfRangeException for a value not among {@link #choices()}
     */
    <E extends Enum<E>> E choose(Parameters p, Class<E> type) {
        String value = p.text(name);
        String written = value.toLowerCase(Locale.ROOT).replace('_', '-');
        for (Choice choice : choices) {
            if (choice.value.equals(written)) {
                return Enum.valueOf(type, written.toUpperCase(Locale.ROOT).replace('-', '_'));
            }
        }
        throw new ParameterOutOfRangeException(name, value, allowed);
    }

    /** @throws ParameterOutOfRangeException unless the price fits its bits */
    UnitPrice checkPrice(UnitPrice price) {
        if (price.thousandthsOfPenny() > max) {
            throw new ParameterOutOfRangeException(name, price, allowed);
        }
        return price;
    }

    public String name() {
        return name;
    }

    /** What a form shows beside the field, in English for staff, e.g. "Amount (£)". */
    public String label() {
        return label;
    }

    public Kind kind() {
        return kind;
    }

    /** "£", "p/kWh", "p/day", "minutes", "UTC", or null. */
    public String unit() {
        return unit;
    }

    /** The smallest value as the parameter is written ("0.01", "2024-01-02"), or null where no order applies. */
    public String min() {
        return minText;
    }

    /** The largest value as the parameter is written ("8191.00", "262.143"), or null where no order applies. */
    public String max() {
        return maxText;
    }

    /** Digits after the point: 2 for pounds, 3 for prices, 0 for whole numbers; -1 where numbers do not apply. */
    public int decimals() {
        switch (kind) {
            case CREDIT:
            case POUNDS:
                return 2;
            case PRICE:
                return 3;
            case WHOLE:
                return 0;
            default:
                return -1;
        }
    }

    /** For {@link Kind#CREDIT}: amounts above this (pounds) must be whole pounds; null otherwise. */
    public String wholePoundsAbove() {
        return kind == Kind.CREDIT ? Pence.toPounds(CreditValue.MAX_VALUE) : null;
    }

    /** The range in words, exactly as an out-of-range error gives it. */
    public String allowed() {
        return allowed;
    }

    public List<Choice> choices() {
        return choices;
    }

    public boolean isOptional() {
        return optional;
    }

    /** When the parameter applies only for some values of another one, else null. */
    public OnlyWhen onlyWhen() {
        return onlyWhen;
    }
}
