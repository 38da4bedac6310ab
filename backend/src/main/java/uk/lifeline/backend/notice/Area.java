package uk.lifeline.backend.notice;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.FieldProblem;
import uk.lifeline.backend.problem.ProblemType;

/**
 * Where a notice or price change applies: every customer of the supplier, or the premises whose postcode's
 * outward code is one of a list. An entry is an outward code ({@code AB10}, {@code LS6}, {@code EC1A}); a
 * district with sub-districts ({@code EC1}) also covers them ({@code EC1A}, {@code EC1M}...) but {@code LS1}
 * never covers {@code LS10}. Immutable.
 *
 * @param districts upper case, without spaces, each once; empty when {@code all}
 */
public record Area(boolean all, List<String> districts) {

    public static final int MOST_DISTRICTS = 1000;
    private static final Pattern OUTWARD = Pattern.compile("[A-Z]{1,2}[0-9][0-9A-Z]?");

    public Area {
        districts = List.copyOf(districts);
    }

    /**
     * @throws ApiException {@code invalid-area}, naming each bad entry, for a list that is empty (without
     *     {@code all}), too long, given with {@code all}, or holds anything but outward codes
     */
    public static Area of(Boolean all, List<String> districts) {
        boolean everyone = Boolean.TRUE.equals(all);
        List<String> given = districts == null ? List.of() : districts;
        if (everyone && !given.isEmpty()) {
            throw invalid("area", "give either all: true or a list of districts, not both");
        }
        if (everyone) {
            return new Area(true, List.of());
        }
        if (given.isEmpty()) {
            throw invalid("area.districts", "name at least one postcode district (e.g. AB10), or all: true");
        }
        if (given.size() > MOST_DISTRICTS) {
            throw invalid("area.districts", "at most " + MOST_DISTRICTS + " districts");
        }
        Set<String> clean = new LinkedHashSet<>();
        List<FieldProblem> bad = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String raw = given.get(i) == null ? "" : given.get(i);
            String code = raw.replace(" ", "").toUpperCase(Locale.ROOT);
            if (OUTWARD.matcher(code).matches()) {
                clean.add(code);
            } else {
                String shown = raw.length() > 12 ? raw.substring(0, 12) + "..." : raw;
                bad.add(new FieldProblem(
                        "area.districts[" + i + "]",
                        "'" + shown + "' is not a postcode district" + " or outward code",
                        "e.g. AB10, LS6, EC1A"));
            }
        }
        if (!bad.isEmpty()) {
            throw new ApiException(
                    ProblemType.INVALID_AREA,
                    bad.size() + " of the districts are not postcode"
                            + " districts or outward codes: "
                            + String.join(
                                    ", ", bad.stream().map(FieldProblem::field).toList()),
                    bad);
        }
        return new Area(false, List.copyOf(clean));
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException(
                ProblemType.INVALID_AREA,
                field + ": " + message,
                List.of(new FieldProblem(field, message, "all: true, or districts such as AB10")));
    }

    /**
     * The SQL condition that a premises {@code p} is in the area, taking the districts as {@code :districts}
     * (a text array). The outward code is the postcode less its last three characters.
     */
    public static final String PREMISES_IN_AREA = """
            (:all OR left(upper(replace(p.postcode, ' ', '')), -3) = ANY(:districts::text[])
              OR left(upper(replace(p.postcode, ' ', '')), -3) ~ '^[A-Z]{1,2}[0-9][A-Z]$'
                 AND left(upper(replace(p.postcode, ' ', '')), -4) = ANY(:districts::text[]))
            """;
}
