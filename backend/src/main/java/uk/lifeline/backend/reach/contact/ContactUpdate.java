package uk.lifeline.backend.reach.contact;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import uk.lifeline.backend.problem.ApiException;
import uk.lifeline.backend.problem.FieldProblem;
import uk.lifeline.backend.problem.ProblemType;
import uk.lifeline.backend.reach.Channel;
import uk.lifeline.words.Language;

/**
 * What an agent sends to change a customer's contact points, and its checks. {@code version} is the version the
 * agent read (0 when nothing was recorded); a different current version means someone else changed them.
 * Immutable.
 */
public record ContactUpdate(
        String mobile,
        String landline,
        String language,
        List<String> channels,
        List<String> needs,
        NomineeUpdate nominee,
        Integer version,
        String reason) {

    public record NomineeUpdate(String name, String phone) {}

    /** The checked values, ready to store. */
    public record Checked(
            PhoneNumber mobile,
            PhoneNumber landline,
            Language language,
            Set<Channel> channels,
            Set<Need> needs,
            ContactPoints.Nominee nominee,
            int version,
            String reason) {}

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");
    private static final int MAX_REASON = 500;
    private static final int MAX_NAME = 100;

    public Checked check() {
        List<FieldProblem> bad = new ArrayList<>();
        List<FieldProblem> badNumbers = new ArrayList<>();
        PhoneNumber mobileNumber = number("mobile", mobile, badNumbers);
        PhoneNumber landlineNumber = number("landline", landline, badNumbers);
        if (mobileNumber != null && !mobileNumber.mayTakeTexts()) {
            badNumbers.add(FieldProblem.of("mobile", "not a mobile number (a UK mobile starts 07)"));
        }
        Language lang = language == null ? null : Language.fromTag(language).orElse(null);
        if (lang == null) {
            bad.add(new FieldProblem("language", "required, one of the languages", "en, cy"));
        }
        Set<Channel> agreed = EnumSet.noneOf(Channel.class);
        if (channels == null || channels.size() > Channel.values().length) {
            bad.add(new FieldProblem("channels", "required, at most one of each", "APP, SMS, VOICE"));
        } else {
            for (int i = 0; i < channels.size(); i++) {
                Optional<Channel> c = Channel.fromCode(channels.get(i));
                c.ifPresent(agreed::add);
                if (c.isEmpty()) {
                    bad.add(new FieldProblem("channels[" + i + "]", "unknown channel", "APP, SMS, VOICE"));
                }
            }
        }
        Set<Need> needed = EnumSet.noneOf(Need.class);
        String allowedNeeds = String.join(
                ", ", java.util.Arrays.stream(Need.values()).map(Need::code).toList());
        if (needs == null || needs.size() > Need.values().length) {
            bad.add(new FieldProblem("needs", "required (may be empty), at most one of each", allowedNeeds));
        } else {
            for (int i = 0; i < needs.size(); i++) {
                Optional<Need> n = Need.fromCode(needs.get(i));
                n.ifPresent(needed::add);
                if (n.isEmpty()) {
                    bad.add(new FieldProblem("needs[" + i + "]", "unknown need", allowedNeeds));
                }
            }
        }
        ContactPoints.Nominee theNominee = null;
        if (needed.contains(Need.NOMINEE)) {
            if (nominee == null) {
                bad.add(FieldProblem.of("nominee", "required with the need NOMINEE"));
            } else {
                text("nominee.name", nominee.name(), MAX_NAME, bad);
                PhoneNumber p = number("nominee.phone", nominee.phone(), badNumbers);
                if (p == null && nominee.phone() == null) {
                    bad.add(FieldProblem.of("nominee.phone", "required"));
                }
                if (p != null && nominee.name() != null) {
                    theNominee = new ContactPoints.Nominee(nominee.name().strip(), p);
                }
            }
        } else if (nominee != null) {
            bad.add(FieldProblem.of("nominee", "only with the need NOMINEE"));
        }
        text("reason", reason, MAX_REASON, bad);
        if (version == null || version < 0) {
            bad.add(FieldProblem.of("version", "required: the version you read (0 if none was recorded)"));
        }
        if (bad.isEmpty() && badNumbers.isEmpty()) {
            boolean textable = (needed.contains(Need.NOMINEE) ? theNominee.phone() : mobileNumber) != null;
            if (agreed.contains(Channel.SMS) && !textable) {
                bad.add(FieldProblem.of("channels", "SMS needs a mobile number (the nominee's, with NOMINEE)"));
            }
            boolean callable = needed.contains(Need.NOMINEE) || mobileNumber != null || landlineNumber != null;
            if (agreed.contains(Channel.VOICE) && !callable) {
                bad.add(FieldProblem.of("channels", "VOICE needs a telephone number"));
            }
        }
        if (!badNumbers.isEmpty()) {
            badNumbers.addAll(bad);
            throw new ApiException(ProblemType.INVALID_PHONE_NUMBER, detail(badNumbers), badNumbers);
        }
        if (!bad.isEmpty()) {
            throw new ApiException(ProblemType.VALIDATION, detail(bad), bad);
        }
        return new Checked(mobileNumber, landlineNumber, lang, agreed, needed, theNominee, version, reason.strip());
    }

    private static PhoneNumber number(String field, String text, List<FieldProblem> bad) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Optional<PhoneNumber> p = PhoneNumber.parse(text);
        if (p.isEmpty()) {
            bad.add(new FieldProblem(
                    field, "not a telephone number", "E.164 (+447700900123) or a UK number (07700 900123)"));
        }
        return p.orElse(null);
    }

    private static void text(String field, String value, int max, List<FieldProblem> bad) {
        if (value == null || value.isBlank()) {
            bad.add(FieldProblem.of(field, "required"));
        } else if (value.length() > max) {
            bad.add(FieldProblem.of(field, "at most " + max + " characters"));
        } else if (CONTROL.matcher(value).find()) {
            bad.add(FieldProblem.of(field, "control characters are not allowed"));
        }
    }

    private static String detail(List<FieldProblem> problems) {
        return String.join(
                "; ", problems.stream().map(f -> f.field() + ": " + f.message()).toList());
    }
}
