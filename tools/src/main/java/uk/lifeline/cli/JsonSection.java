package uk.lifeline.cli;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import uk.lifeline.command.Parameters;
import uk.lifeline.command.Pence;
import uk.lifeline.command.UnitPrice;

/**
 * One JSON object of a configuration file, read strictly: every error names the member's path (e.g.
 * {@code tariff.rates[1].rate}), and a member the reader does not know is refused rather than ignored.
 * Immutable.
 */
final class JsonSection {

    private final String path;
    private final Map<String, Object> members;

    private JsonSection(String path, Map<String, Object> members) {
        this.path = path;
        this.members = members;
    }

    /** @throws IllegalArgumentException if the value is not a JSON object */
    static JsonSection of(String path, Object value) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException((path.isEmpty() ? "the file" : path) + " must be a JSON object");
        }
        Map<String, Object> members = new LinkedHashMap<>();
        ((Map<?, ?>) value).forEach((k, v) -> members.put((String) k, v));
        return new JsonSection(path, members);
    }

    /** Refuses any member not named. */
    JsonSection allowOnly(String... names) {
        TreeSet<String> unknown = new TreeSet<>(members.keySet());
        unknown.removeAll(Arrays.asList(names));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown " + name(unknown.first()) + "; "
                    + (path.isEmpty() ? "the file" : path) + " takes " + String.join(", ", names));
        }
        return this;
    }

    boolean has(String member) {
        return members.containsKey(member);
    }

    /** A string, number or boolean member as text. */
    String text(String member) {
        Object value = members.get(member);
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof BigDecimal number) {
            return number.toPlainString();
        }
        if (value instanceof Boolean flag) {
            return flag.toString();
        }
        throw new IllegalArgumentException(name(member) + (value == null ? " is missing" : " must be a value"));
    }

    String text(String member, String fallback) {
        return has(member) ? text(member) : fallback;
    }

    /** Pounds such as {@code "12.34"} or {@code 12.34}, in pence. */
    long pounds(String member) {
        return Pence.fromPounds(name(member), text(member));
    }

    long pounds(String member, long fallback) {
        return has(member) ? pounds(member) : fallback;
    }

    boolean bool(String member, boolean fallback) {
        if (!has(member)) {
            return fallback;
        }
        Object value = members.get(member);
        if (!(value instanceof Boolean)) {
            throw new IllegalArgumentException(name(member) + " must be true or false");
        }
        return (Boolean) value;
    }

    JsonSection section(String member) {
        if (!has(member)) {
            throw new IllegalArgumentException(name(member) + " is missing");
        }
        return of(name(member), members.get(member));
    }

    /** An array of objects. */
    List<JsonSection> sections(String member) {
        Object value = members.get(member);
        if (!(value instanceof List)) {
            throw new IllegalArgumentException(name(member) + " must be a JSON array");
        }
        List<JsonSection> items = new ArrayList<>();
        List<?> list = (List<?>) value;
        for (int i = 0; i < list.size(); i++) {
            items.add(of(name(member) + "[" + i + "]", list.get(i)));
        }
        return items;
    }

    /** A price in pence with up to three decimals. */
    UnitPrice price(String member) {
        return one(member).price(name(member));
    }

    /** A wall-clock time HH:MM. */
    LocalTime time(String member) {
        return one(member).time(name(member));
    }

    /** An enum constant written in lower case with dashes, e.g. {@code per-day}. */
    <E extends Enum<E>> E choice(String member, Class<E> type) {
        return one(member).choice(name(member), type);
    }

    private Parameters one(String member) {
        return Parameters.of(Collections.singletonMap(name(member), text(member)));
    }

    /** Every member as NAME=VALUE text, for building a command from it. */
    Parameters parameters() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String member : members.keySet()) {
            values.put(member, text(member));
        }
        return Parameters.of(values);
    }

    String path() {
        return path;
    }

    /** The member's full path, e.g. {@code tariff.unit-rate}. */
    String name(String member) {
        return path.isEmpty() ? member : path + "." + member;
    }
}
