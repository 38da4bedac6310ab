package uk.lifeline.words;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import uk.lifeline.command.AddDebt;
import uk.lifeline.command.ChangeMode;
import uk.lifeline.command.ChangePrice;
import uk.lifeline.command.ChangeTimeOfUsePrice;
import uk.lifeline.command.DebtRegister;
import uk.lifeline.command.DeductCredit;
import uk.lifeline.command.DeductDebt;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.command.OpenHan;
import uk.lifeline.command.SetCredit;
import uk.lifeline.command.SetDebt;
import uk.lifeline.command.SetFriendlyCreditPeriod;
import uk.lifeline.command.SetNonDisconnectPeriod;
import uk.lifeline.command.TopUp;
import uk.lifeline.command.UnitPrice;

/**
 * {@link CommandWords} in Welsh: a verb-noun first ('ychwanegu', 'newid', 'cadw'), everyday words, and the
 * mutations the grammar asks for ('at ddyled 1', 'tan ddydd Gwener', 'gyda thâl sefydlog'). Native speaker
 * review pending. Stateless.
 */
final class WelshCommands {

    private static final Language CY = Language.WELSH;

    private WelshCommands() {}

    static String describe(MeterCommand command, When when) {
        if (command instanceof TopUp c) {
            return "ychwanegu " + money(c.amountPence()) + " o gredyd";
        } else if (command instanceof DeductCredit c) {
            return "tynnu " + money(c.amountPence()) + " oddi ar eich credyd";
        } else if (command instanceof SetCredit c) {
            return "gosod eich credyd i " + money(c.balancePence());
        } else if (command instanceof AddDebt c) {
            return "ychwanegu " + money(c.amountPence()) + " at " + soft(debt(c.register()));
        } else if (command instanceof DeductDebt c) {
            return "tynnu " + money(c.amountPence()) + " oddi ar " + soft(debt(c.register()));
        } else if (command instanceof SetDebt c) {
            return setDebt(c);
        } else if (command instanceof ChangePrice c) {
            return "newid eich pris i " + price(c.unitRate()) + " y kWh, gyda thâl sefydlog o "
                    + price(c.standingCharge()) + " y dydd" + from(c.effectiveFrom(), when);
        } else if (command instanceof ChangeTimeOfUsePrice c) {
            return "newid eich pris i " + price(c.peakRate()) + " y kWh, a " + price(c.offPeakRate())
                    + " y kWh o " + c.offPeakStart() + " tan " + c.offPeakEnd() + ", gyda thâl sefydlog o "
                    + price(c.standingCharge()) + " y dydd" + from(c.effectiveFrom(), when);
        } else if (command instanceof SetFriendlyCreditPeriod c) {
            return friendly(c);
        } else if (command instanceof SetNonDisconnectPeriod c) {
            return "cadw eich cyflenwad ymlaen"
                    + (c.start().isAfter(when.now()) ? " o " + soft(when.moment(c.start())) : "")
                    + " tan " + soft(when.moment(c.end()));
        } else if (command instanceof OpenHan c) {
            return "gadael i " + device(c.device()) + " gysylltu â'ch mesurydd am " + minutes(c.minutes()) + " nesaf";
        } else if (command instanceof ChangeMode c) {
            return c.mode() == ChangeMode.Mode.PREPAYMENT
                    ? "newid eich mesurydd i dalu wrth fynd"
                    : "newid eich mesurydd i dalu drwy fil (modd credyd)";
        }
        return "rhoi gosodiadau safonol eich cyflenwr yn ôl ar eich mesurydd";
    }

    /**
     * The soft mutation after 'at', 'ar', 'o', 'tan' and 'i' for the words these phrases put there: only 'dyled'
     * and 'dydd' mutate ('ddyled 1', 'ddydd Gwener'); 'heddiw', 'yfory' and 'y ddyled' do not change.
     */
    static String soft(String words) {
        return words.startsWith("dyled") || words.startsWith("dydd") ? "d" + words : words;
    }

    private static String money(long pence) {
        return CommandWords.money(pence);
    }

    private static String price(UnitPrice price) {
        return CommandWords.price(price, CY);
    }

    private static String debt(DebtRegister register) {
        switch (register) {
            case TIME_BASED_1:
                return "dyled 1";
            case TIME_BASED_2:
                return "dyled 2";
            default:
                return "y ddyled sy'n cael ei thalu o'ch taliadau credyd";
        }
    }

    private static String setDebt(SetDebt c) {
        String what = "gosod " + debt(c.register()) + " i " + money(c.amountPence());
        switch (c.recovery()) {
            case PER_DAY:
                return what + ", i'w thalu'n ôl ar " + money(c.rate()) + " y dydd";
            case PER_HOUR:
                return what + ", i'w thalu'n ôl ar " + money(c.rate()) + " yr awr";
            default:
                return what + ", gan gymryd " + c.rate() + "% o bob taliad credyd";
        }
    }

    /** ' o ddydd Iau ymlaen', ' o yfory ymlaen'. */
    private static String from(Optional<LocalDate> date, When when) {
        return date.map(d -> " o " + soft(when.day(d)) + " ymlaen").orElse("");
    }

    private static String friendly(SetFriendlyCreditPeriod c) {
        String slot = "oriau cyfeillgar " + c.slot();
        if (c.clearsSlot()) {
            return "dileu " + slot;
        }
        List<String> on = new ArrayList<>();
        if (!c.days().isEmpty()) {
            on.add(days(c.days()));
        }
        if (c.bankHolidays()) {
            on.add("ar wyliau banc");
        }
        String hours = c.start().equals(c.end()) ? "drwy'r dydd" : "o " + c.start() + " tan " + c.end();
        return "cadw eich cyflenwad ymlaen " + hours + (on.isEmpty() ? "" : " " + CommandWords.list(on, CY))
                + ", hyd yn oed os daw eich credyd i ben (" + slot + ")";
    }

    private static String days(Set<DayOfWeek> days) {
        if (days.size() == 7) {
            return "bob dydd";
        }
        if (days.equals(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY))) {
            return "o ddydd Llun i ddydd Gwener";
        }
        if (days.equals(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY))) {
            return "ar benwythnosau";
        }
        List<String> names = new ArrayList<>();
        for (DayOfWeek day : EnumSet.copyOf(days)) {
            names.add(When.WELSH_DAYS[day.getValue() - 1]);
        }
        return "bob " + CommandWords.list(names, CY);
    }

    /** Soft-mutated, as they follow 'gadael i'. */
    private static String device(OpenHan.Device device) {
        switch (device) {
            case PPMID:
                return "fysellbad talu ymlaen llaw newydd (PPMID)";
            case IHD:
                return "ddangosydd ynni newydd yn y cartref";
            case CAD:
                return "ddyfais mynediad defnyddiwr newydd";
            default:
                return "ddyfais newydd";
        }
    }

    /** With its article; Welsh counts a noun in the singular after a number: 'y 30 munud', 'y 2 awr', 'yr awr'. */
    private static String minutes(long minutes) {
        if (minutes < 60 || minutes % 60 != 0) {
            return minutes == 1 ? "y munud" : "y " + minutes + " munud";
        }
        long hours = minutes / 60;
        return hours == 1 ? "yr awr" : "y " + hours + " awr";
    }
}
