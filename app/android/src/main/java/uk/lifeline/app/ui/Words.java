package uk.lifeline.app.ui;

import android.content.Context;
import android.content.res.Configuration;
import android.os.LocaleList;
import java.time.Instant;
import java.util.Locale;
import uk.lifeline.app.R;
import uk.lifeline.app.account.ActivationCode;
import uk.lifeline.app.entry.EntryOutcome;
import uk.lifeline.app.entry.KeypadEntry;
import uk.lifeline.app.trust.SignedNotice;
import uk.lifeline.words.Language;
import uk.lifeline.words.When;

/**
 * The customer's language and the words the app's logic needs said in it: Welsh or English, following the phone
 * unless the customer chose one in the app. Every word is an Android resource (values/, values-cy/); what a code
 * does comes from shared's {@code CommandWords} in the same language. Thread-safe.
 */
public final class Words {

    public static final String PREFERENCES = "settings";
    public static final String LANGUAGE = "language";

    /** The customer's choice: "cy", "en", or null to follow the phone. Read once at start, off StrictMode. */
    private static volatile String chosen;

    private Words() {}

    /** Called by the application at start with the saved choice, and by the switch. */
    public static void choose(String languageTag) {
        chosen = languageTag == null || languageTag.isEmpty() ? null : languageTag;
    }

    public static String chosen() {
        return chosen;
    }

    /** The app's switch: from the screen's language to the other one, kept for next time. */
    public static void switchLanguage(android.app.Activity screen) {
        String next = language(screen) == Language.WELSH ? "en" : "cy";
        choose(next);
        screen.getSharedPreferences(PREFERENCES, Context.MODE_PRIVATE)
                .edit()
                .putString(LANGUAGE, next)
                .apply();
        screen.recreate();
    }

    /** {@code base} in the chosen language (unchanged when following the phone). */
    public static Context localised(Context base) {
        String tag = chosen;
        if (tag == null) {
            return base;
        }
        Configuration config = new Configuration(base.getResources().getConfiguration());
        config.setLocales(new LocaleList(Locale.forLanguageTag(tag)));
        return base.createConfigurationContext(config);
    }

    /** The language the screen is in: Welsh when its resources are Welsh, else English. */
    public static Language language(Context context) {
        return "cy"
                        .equals(context.getResources()
                                .getConfiguration()
                                .getLocales()
                                .get(0)
                                .getLanguage())
                ? Language.WELSH
                : Language.ENGLISH;
    }

    public static Locale locale(Context context) {
        return context.getResources().getConfiguration().getLocales().get(0);
    }

    /** Times relative to {@code now}, in the screen's language. */
    public static When when(Context context, Instant now) {
        return When.at(now).in(language(context));
    }

    /** What to do next after the meter showed {@code outcome}. */
    public static int advice(EntryOutcome outcome) {
        switch (outcome) {
            case ACCEPTED:
                return R.string.advice_accepted;
            case REJECTED:
                return R.string.advice_rejected;
            case DUPLICATE:
                return R.string.advice_duplicate;
            case CREDIT_TOO_HIGH:
                return R.string.advice_credit_too_high;
            default:
                return R.string.advice_locked;
        }
    }

    /** Why a typed activation code cannot be right, or null. */
    public static String activationProblem(Context context, String typed) {
        ActivationCode.Problem problem = ActivationCode.problem(typed);
        if (problem == null) {
            return null;
        }
        switch (problem) {
            case NOT_DIGITS:
                return context.getString(R.string.activation_not_digits);
            case WRONG_LENGTH:
                return context.getString(R.string.activation_length, ActivationCode.length(typed));
            default:
                return context.getString(R.string.activation_wrong_digit);
        }
    }

    public static String blockLabel(Context context, KeypadEntry at) {
        return context.getString(R.string.entry_block_label, at.block(), at.blocks());
    }

    public static String groupLabel(Context context, KeypadEntry at) {
        return context.getString(R.string.entry_group_label, at.group(), at.groups());
    }

    /** What the phone says aloud for a group: where it is, the digits with pauses, then what to do after them. */
    public static String spoken(Context context, KeypadEntry at) {
        String where = groupLabel(context, at) + (at.blocks() > 1 ? ", " + blockLabel(context, at) : "");
        String said = context.getString(R.string.entry_spoken, where, at.digitsWithPauses());
        return at.endsBlock() ? said + " " + context.getString(R.string.entry_press_enter) : said;
    }

    /** 'Your supply will not be cut off until Friday 18:00.' */
    public static String noticeHeadline(Context context, SignedNotice notice, Instant now) {
        return context.getString(R.string.notice_headline, when(context, now).moment(notice.until()));
    }
}
