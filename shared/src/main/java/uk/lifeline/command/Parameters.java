package uk.lifeline.command;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A command's parameters as NAME=VALUE text: what the CLI takes, the decoder prints and the test vectors hold.
 * Each getter names the parameter in its error. Immutable once built.
 */
public final class Parameters {

    private final Map<String, String> values;

    private Parameters(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static Parameters of(Map<String, String> values) {
        return new Parameters(values);
    }

    /**
     * Parses {@code NAME=VALUE} arguments.
     *
     * @throws IllegalArgumentException for an argument without '=' or a name given twice
     */
    public static Parameters parse(Iterable<String> arguments) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String argument : arguments) {
            int eq = argument.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected NAME=VALUE, got '" + argument + "'");
            }
            if (map.put(argument.substring(0, eq), argument.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("parameter " + argument.substring(0, eq) + " given twice");
            }
        }
        return new Parameters(map);
    }

    public Map<String, String> asMap() {
        return values;
    }

    /** Fails naming any parameter the command does not take. */
    public void allowOnly(String command, String... names) {
        TreeSet<String> unknown = new TreeSet<>(values.keySet());
        for (String name : names) {
            unknown.remove(name);
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(command + " does not take " + String.join(", ", unknown)
                    + (names.length == 0 ? "" : "; it takes " + String.join(", ", names)));
        }
    }

    public String text(String name) {
        String value = values.get(name);
        if (value == null || value.trim().isEmpty()) {
            throw new IllegalArgumentException("missing parameter " + name);
        }
        return value.trim();
    }

    public String text(String name, String fallback) {
        return values.containsKey(name) ? text(name) : fallback;
    }

    public long pence(String name) {
        return Pence.fromPounds(name, text(name));
    }

    public long integer(String name) {
        try {
            return Long.parseLong(text(name));
        } catch (NumberFormatException e) {
            throw new ParameterOutOfRangeException(name, text(name), "a whole number");
        }
    }

    public UnitPrice price(String name) {
        return UnitPrice.parse(name, text(name));
    }

    public LocalTime time(String name) {
        try {
            return LocalTime.parse(text(name));
        } catch (DateTimeException e) {
            throw new ParameterOutOfRangeException(name, text(name), "a time HH:MM, e.g. 23:30");
        }
    }

    public LocalDate date(String name) {
        try {
            return LocalDate.parse(text(name));
        } catch (DateTimeException e) {
            throw new ParameterOutOfRangeException(name, text(name), "a date YYYY-MM-DD");
        }
    }

    public Instant instant(String name) {
        try {
            return Instant.parse(text(name));
        } catch (DateTimeException e) {
            throw new ParameterOutOfRangeException(name, text(name), "a UTC instant, e.g. 2026-12-01T06:00:00Z");
        }
    }

    public boolean bool(String name, boolean fallback) {
        if (!values.containsKey(name)) {
            return fallback;
        }
        String value = text(name).toLowerCase(Locale.ROOT);
        if (value.equals("true") || value.equals("yes")) {
            return true;
        }
        if (value.equals("false") || value.equals("no")) {
            return false;
        }
        throw new ParameterOutOfRangeException(name, value, "true or false");
    }

    public <E extends Enum<E>> E choice(String name, Class<E> type) {
        String value = text(name);
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E option : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(Parameters.name(option));
            }
            throw new ParameterOutOfRangeException(name, value, "one of " + allowed);
        }
    }

    /** A map keeping the order given: {@code ordered("register", "time-based-1", "amount", "5.00")}. */
    public static Map<String, String> ordered(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    /** How an enum constant is written in parameters: lower case with dashes, e.g. {@code time-based-1}. */
    public static String name(Enum<?> option) {
        return option.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
